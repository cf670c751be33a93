// `npm run bench:grade`: what one grading costs on the wire, batched (one SSH exec per host) beside
// the naive baseline (one exec per probe), on the namespace testbed's real sshd. Prints medians
// over several rounds; it is a measurement, not a test (docs/cli.md, "Benchmark").
//
//   npm run bench:grade [-- --rounds 5] [-- --labs lab-10,all]
import { parseArgs } from 'node:util';
import { GRADERS } from '../graders/registry.ts';
import { loadHostsConfig } from '../src/config/hosts-config.ts';
import { gradeLabs } from '../src/grading/grade-lab.ts';
import { loadLabs } from '../src/labs/catalog.ts';
import type { LabMeta } from '../src/shared/lab.ts';
import { resolveLabs } from '../src/cli/lab-select.ts';
import { down, getTestbed, up, type Testbed } from '../tests/labhosts/testbed.ts';

type Mode = 'batched' | 'naive';
interface Sample {
  roundTrips: number;
  bytesOut: number;
  bytesIn: number;
  wallMs: number;
  probes: number;
}

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, labs: { type: 'string', default: 'lab-10,all' } },
  strict: true,
});
const rounds = Math.max(1, Number.parseInt(values.rounds, 10) || 5);
const targets = values.labs
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const { testbed, startedHere } = await ensureTestbed();
try {
  for (const node of ['master', 'worker'] as const) testbed.setFault(node, 'none');
  const config = loadHostsConfig(testbed.configPath);
  const catalog = loadLabs();
  console.log(
    `testbed: ${testbed.hosts.map((h) => `${h.name} ${h.host}`).join(', ')}; ${rounds} rounds per row (after one warm-up), medians; observation off`,
  );
  const rows: string[][] = [['labs', 'mode', 'probes', 'round trips', 'bytes out', 'bytes in', 'wall ms']];
  for (const target of targets) {
    const labs = resolveLabs([target], catalog);
    const byMode = new Map<Mode, Sample>();
    for (const mode of ['batched', 'naive'] as const) {
      await measure(labs, config, mode); // warm-up: first connections, caches on the hosts
      const samples: Sample[] = [];
      for (let i = 0; i < rounds; i++) samples.push(await measure(labs, config, mode));
      const m = medians(samples);
      byMode.set(mode, m);
      rows.push([target, mode, String(m.probes), String(m.roundTrips), kb(m.bytesOut), kb(m.bytesIn), String(Math.round(m.wallMs))]);
    }
    const b = byMode.get('batched');
    const n = byMode.get('naive');
    if (b && n)
      rows.push([
        target,
        'naive ÷ batched',
        '',
        ratio(n.roundTrips, b.roundTrips),
        ratio(n.bytesOut, b.bytesOut),
        ratio(n.bytesIn, b.bytesIn),
        ratio(n.wallMs, b.wallMs),
      ]);
  }
  console.log(table(rows));
} finally {
  if (startedHere) console.log(await down());
}

async function measure(labs: LabMeta[], config: ReturnType<typeof loadHostsConfig>, mode: Mode): Promise<Sample> {
  const started = performance.now();
  const out = await gradeLabs(labs, { kind: 'live', config, mode, observeSeconds: 0 }, { lang: 'en', graders: GRADERS });
  const wallMs = performance.now() - started;
  const hosts = out.stats?.hosts ?? [];
  const probes = Object.values(out.snapshot.hosts).reduce((n, h) => n + Object.keys(h.probes).length, 0);
  return {
    roundTrips: hosts.reduce((n, h) => n + h.roundTrips, 0),
    bytesOut: hosts.reduce((n, h) => n + h.bytesOut, 0),
    bytesIn: hosts.reduce((n, h) => n + h.bytesIn, 0),
    wallMs,
    probes,
  };
}

async function ensureTestbed(): Promise<{ testbed: Testbed; startedHere: boolean }> {
  const ready = getTestbed();
  if (ready) return { testbed: ready, startedHere: false };
  console.log('bringing the testbed up (tests/labhosts/testbed.ts)…');
  await up();
  const started = getTestbed();
  if (!started) throw new Error('The testbed is not available (it needs root, sshd, iproute2 and iptables; see tests/labhosts/).');
  return { testbed: started, startedHere: true };
}

function medians(samples: Sample[]): Sample {
  const med = (pick: (s: Sample) => number) => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  return {
    roundTrips: med((s) => s.roundTrips),
    bytesOut: med((s) => s.bytesOut),
    bytesIn: med((s) => s.bytesIn),
    wallMs: med((s) => s.wallMs),
    probes: med((s) => s.probes),
  };
}

function kb(bytes: number): string {
  return bytes < 10_000 ? `${Math.round(bytes)} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `×${(a / b).toFixed(1)}` : '-';
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}
