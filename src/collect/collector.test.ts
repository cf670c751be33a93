import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadHostsConfig, type HostsConfig } from '../config/hosts-config.ts';
import type { LabMeta } from '../shared/lab.ts';
import { Snapshot } from '../shared/snapshot.ts';
import { sshdSkip, startSshd, type TestSshd } from '../ssh/test-sshd.ts';
import { collectSnapshot, CollectError, observeSeries, planFor, type ProgressEvent } from './collector.ts';

/**
 * Against two real sshd on loopback (master; worker whose login prints a banner and a forged
 * frame first, like a chatty rc file). The namespace testbed adds a cluster: collector-testbed.test.ts.
 */
let master: TestSshd | undefined;
let worker: TestSshd | undefined;
const BANNER = `command="echo Welcome to worker1; echo '@@0000000000000000 X 0 0 1 -'; exec /bin/sh -c \\"$SSH_ORIGINAL_COMMAND\\""`;
before(async () => {
  if (sshdSkip) return;
  [master, worker] = await Promise.all([startSshd(), startSshd({ keyOptions: BANNER })]);
});
after(async () => Promise.all([master?.stop(), worker?.stop()]));

function config(extra: Record<string, string> = {}): HostsConfig {
  const m = master as TestSshd;
  const w = worker as TestSshd;
  const path = join(m.dir, `cfg-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    path,
    [
      'hosts:',
      '  cp:',
      '    role: master',
      '    host: 127.0.0.1',
      `    port: ${extra['masterPort'] ?? m.port}`,
      '    user: root',
      extra['masterAuth'] ?? `    privateKey: ${m.clientKeyPath}`,
      '  node1:',
      '    role: worker',
      '    host: 127.0.0.1',
      `    port: ${extra['workerPort'] ?? w.port}`,
      '    user: root',
      `    privateKey: ${w.clientKeyPath}`,
      'connectTimeoutSeconds: 5',
      'probeTimeoutSeconds: 10',
      '',
    ].join('\n'),
  );
  return loadHostsConfig(path);
}

const PLAN = {
  master: ['kube.nodes', 'host.hostname', 'iptables.save', 'net.addr', 'no.such-probe'],
  worker: ['host.hostname', 'net.link', 'cri.ps'],
};

test('collects a full plan from both hosts: one exec per host, a valid Snapshot v1', { skip: sshdSkip }, async () => {
  const events: ProgressEvent[] = [];
  const { snapshot, stats } = await collectSnapshot(config(), PLAN, { onProgress: (e) => events.push(e) });
  assert.deepEqual(Snapshot.parse(snapshot), snapshot);
  assert.deepEqual(Object.keys(snapshot.hosts).sort(), ['cp', 'node1']);
  assert.equal(snapshot.hosts['cp']?.role, 'master');
  assert.equal(snapshot.hosts['node1']?.role, 'worker');
  assert.deepEqual(Object.keys(snapshot.hosts['cp']?.probes ?? {}), PLAN.master);
  assert.equal(snapshot.hosts['cp']?.probes['host.hostname']?.stdout, `${hostname()}\n`);
  assert.equal(snapshot.hosts['cp']?.probes['iptables.save']?.exitCode, 0);
  assert.doesNotThrow(() => JSON.parse(snapshot.hosts['cp']?.probes['net.addr']?.stdout ?? ''));
  // A failing probe is recorded, not thrown: no API server here.
  assert.notEqual(snapshot.hosts['cp']?.probes['kube.nodes']?.exitCode, 0);
  assert.equal(snapshot.hosts['cp']?.probes['no.such-probe']?.exitCode, null);
  // The worker's banner and forged frame changed nothing.
  assert.equal(snapshot.hosts['node1']?.probes['host.hostname']?.stdout, `${hostname()}\n`);
  assert.equal(snapshot.hosts['node1']?.probes['host.hostname']?.exitCode, 0);
  for (const h of stats.hosts) {
    assert.equal(h.roundTrips, 1, `${h.name}: one round trip`);
    assert.ok(h.bytesIn > 0 && h.bytesOut > 0 && h.ms > 0);
  }
  const phases = events.filter((e) => e.host === 'cp').map((e) => e.phase);
  assert.deepEqual([phases[0], phases.at(-1)], ['connecting', 'done']);
  assert.ok(events.some((e) => e.detail?.en.includes('trusted and recorded host key')));
});

test('naive mode: one exec per probe, the same probes collected', { skip: sshdSkip }, async () => {
  const plan = { master: ['host.hostname', 'host.os', 'net.route'], worker: [] };
  const { snapshot, stats } = await collectSnapshot(config(), plan, { mode: 'naive' });
  assert.deepEqual(Object.keys(snapshot.hosts), ['cp'], 'hosts without probes are not contacted');
  assert.equal(stats.hosts[0]?.roundTrips, 3);
  assert.equal(snapshot.hosts['cp']?.probes['host.os']?.exitCode, 0);
});

test('a host that cannot be collected throws CollectError with its kind; every failure is listed', { skip: sshdSkip }, async () => {
  const cfg = config({ masterAuth: '    password: "not-the-password"', workerPort: '1' });
  await assert.rejects(collectSnapshot(cfg, PLAN), (err: unknown) => {
    assert.ok(err instanceof CollectError);
    assert.deepEqual(err.failures.map((f) => [f.host, f.kind]).sort(), [
      ['cp', 'auth'],
      ['node1', 'unreachable'],
    ]);
    assert.ok(err.detail.zh.length > 0);
    return true;
  });
});

test('a changed host key stops collection with a host-key error', { skip: sshdSkip }, async () => {
  const cfg = config();
  await collectSnapshot(cfg, { master: ['host.hostname'], worker: [] });
  await master?.changeHostKey();
  await assert.rejects(
    collectSnapshot(cfg, { master: ['host.hostname'], worker: [] }),
    (err: unknown) => err instanceof CollectError && err.kind === 'host-key' && err.host === 'cp',
  );
});

test('observeSeries: repeated rounds on the master, ordered in time, one exec each', { skip: sshdSkip }, async () => {
  const series = await observeSeries(config(), ['host.hostname', 'host.swaps'], { durationSeconds: 2, intervalSeconds: 1 });
  assert.equal(series.length, 3);
  for (const entry of series) {
    assert.equal(entry.host, 'cp');
    assert.equal(entry.probes['host.hostname']?.exitCode, 0);
  }
  const times = series.map((e) => Date.parse(e.t));
  assert.deepEqual(
    [...times].sort((a, b) => a - b),
    times,
  );
  assert.deepEqual(Snapshot.parse({ format: 'k8s-lab-snapshot', version: 1, takenAt: series[0]?.t, hosts: {}, series }).series, series);
});

test('planFor: the union of the labs’ probes per role, without duplicates', () => {
  const lab = (master: string[], worker: string[]) => ({ probes: { master, worker } }) as unknown as LabMeta;
  assert.deepEqual(planFor([lab(['kube.nodes', 'host.ps'], ['host.ps']), lab(['kube.nodes', 'iptables.save'], [])]), {
    master: ['kube.nodes', 'host.ps', 'iptables.save'],
    worker: ['host.ps'],
  });
});
