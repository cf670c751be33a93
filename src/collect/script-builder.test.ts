import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROBE_NAMES, resolveProbe } from './probes.ts';
import { buildScript, EXEC_COMMAND, newNonce } from './script-builder.ts';
import { isDnsLabel, shQuote } from './shell-quote.ts';

const HOSTILE = [
  'a;touch SENTINEL',
  '$(touch SENTINEL)',
  '`touch SENTINEL`',
  "a'b",
  'a"b',
  'a\nb',
  '-n',
  '--kubeconfig=/x',
  '*',
  '~root',
  'pod1 ',
  'Pod1',
  'ｐｏｄ1',
  'a'.repeat(10_000),
  '',
  '../x',
  'a\\b',
];

test('the exec command is a constant: clean environment, absolute paths, sh reading stdin', () => {
  assert.equal(
    EXEC_COMMAND,
    'exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME="$HOME" /bin/sh -s',
  );
});

test('DNS labels: names with ; $() quotes newline leading - or non-ASCII are not labels', () => {
  for (const bad of HOSTILE) assert.equal(isDnsLabel(bad), false, JSON.stringify(bad.slice(0, 20)));
  for (const good of ['pod1', 'default', 'kube-system', 'a', 'x1-2']) assert.equal(isDnsLabel(good), true);
});

test('pod probes accept only DNS-label names; anything else is an unknown probe', () => {
  assert.deepEqual(resolveProbe('pod.default.pod1.addr')?.args, ['default', 'pod1']);
  for (const name of [
    'pod.a;b.pod1.addr',
    'pod.default.$(id).addr',
    'pod.-n.pod1.addr',
    "pod.default.a'b.addr",
    'pod.default.pod1.addr\n',
    'pod.Default.pod1.addr',
  ]) {
    assert.equal(resolveProbe(name), undefined, name);
  }
  assert.equal(resolveProbe('__proto__'), undefined);
  assert.equal(resolveProbe('constructor'), undefined);
});

test('buildScript refuses a hostile argument even from a hand-made spec', () => {
  for (const bad of HOSTILE) {
    assert.throws(() =>
      buildScript([{ name: 'pod.x.y.addr', body: 'true', args: [bad], root: false }], { nonce: newNonce(), probeTimeoutS: 5, budgetS: 10 }),
    );
  }
  assert.throws(() => buildScript([], { nonce: 'not hex; rm -rf /', probeTimeoutS: 5, budgetS: 10 }));
  assert.throws(() => buildScript([], { nonce: newNonce(), probeTimeoutS: 1.5, budgetS: 10 }));
});

test('shQuote makes every hostile string inert: sh receives it byte for byte, nothing runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-quote-'));
  try {
    for (const raw of HOSTILE) {
      const text = raw.replaceAll('SENTINEL', join(dir, 'pwned'));
      const r = spawnSync('/bin/sh', ['-c', `printf %s ${shQuote(text)}`], { encoding: 'utf8' });
      assert.equal(r.stdout, text);
      assert.equal(existsSync(join(dir, 'pwned')), false, `ran code from ${JSON.stringify(raw.slice(0, 20))}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => shQuote('a\0b'));
});

test('the script is a function of probe names, nonce and limits only, and reads whole before running', () => {
  const specs = PROBE_NAMES.map((n) => resolveProbe(n)).filter((s) => s !== undefined);
  const opts = { nonce: '00112233445566778899aabbccddeeff', probeTimeoutS: 30, budgetS: 117 };
  const a = buildScript(specs, opts);
  assert.equal(buildScript(specs, opts), a);
  assert.match(a, /^k8slabs_main\(\) \{\n/);
  assert.match(a, /\n\}\nk8slabs_main <\/dev\/null\n$/);
  assert.equal(a.split('\nrp ').length - 1, specs.length);
  // Every kubectl call carries a request timeout.
  for (const m of a.matchAll(/kubectl [^\n']*/g)) assert.match(m[0], /--request-timeout=/);
  // sh parses it (syntax check without running it).
  const r = spawnSync('/bin/sh', ['-n'], { input: a, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the sudo check is only in scripts that have a root probe', () => {
  const nonce = newNonce();
  const plain = buildScript([resolveProbe('host.hostname')!], { nonce, probeTimeoutS: 5, budgetS: 10 });
  const root = buildScript([resolveProbe('iptables.save')!], { nonce, probeTimeoutS: 5, budgetS: 10 });
  assert.doesNotMatch(plain, /sudo -n true/);
  assert.match(root, /sudo -n true/);
});
