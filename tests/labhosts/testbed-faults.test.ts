/**
 * The testbed's fault switches, checked for real: a hanging / huge / chatty kubectl, a node
 * that drops SSH, a changed host key, sshd's MaxSessions. Faults are shared state of the
 * testbed, so these tests run one after another and always restore what they changed.
 */
import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { after, describe, test } from 'node:test';
import { connect, execOn, sshExec, type SshTarget } from './lib/ssh-exec.ts';
import { getTestbed } from './testbed.ts';

const tb = getTestbed();
const skip = tb ? false : 'the namespace testbed is not up (see the global-setup notice)';

function target(node: 'master' | 'worker'): SshTarget {
  if (!tb) throw new Error('no testbed');
  const h = tb.hosts.find((x) => x.name === node);
  if (!h) throw new Error(`no host ${node}`);
  return { host: h.host, user: tb.user, hostKeyFingerprint: h.hostKeyFingerprint, privateKeyPath: tb.privateKeyPath };
}

/** Resolves 'open', 'refused' or 'timeout' for a TCP connect to port 22. */
function tcpState(host: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const s = tcpConnect({ host, port: 22 });
    s.setTimeout(timeoutMs, () => (s.destroy(), resolve('timeout')));
    s.on('connect', () => (s.destroy(), resolve('open')));
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : String(e.code)));
  });
}

describe('testbed: kubectl faults', { skip, concurrency: false }, () => {
  after(() => tb?.setFault('master', 'none'));

  test('kubectl-hang: kubectl never answers (a remote timeout has to end it)', async () => {
    tb?.setFault('master', 'kubectl-hang');
    const r = await sshExec(target('master'), 'timeout 2 /usr/local/bin/kubectl get nodes -o json; echo "rc=$?"');
    assert.equal(r.stdout.trim(), 'rc=124');
    // Nothing of it may be left running once the timeout killed it (the sleep child ends within 1 s).
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(tb?.inNode('master', ['pgrep', '-f', 'kubectl get nodes']).stdout.trim(), '');
  });
  test('kubectl-huge: about 50 MB of output', async () => {
    tb?.setFault('master', 'kubectl-huge');
    const r = await sshExec(target('master'), '/usr/local/bin/kubectl get pods -A -o json | wc -c', 60_000);
    assert.equal(Number(r.stdout.trim()), 50 * 1024 * 1024);
  });
  test('kubectl-banner: a banner before the JSON; none restores the plain answer', async () => {
    tb?.setFault('master', 'kubectl-banner');
    const banner = await sshExec(target('master'), '/usr/local/bin/kubectl get nodes -o json');
    assert.match(banner.stdout, /^Welcome to Ubuntu/);
    assert.throws(() => JSON.parse(banner.stdout));
    assert.equal((JSON.parse(banner.stdout.slice(banner.stdout.indexOf('{'))) as { items: unknown[] }).items.length, 2);
    tb?.setFault('master', 'none');
    const plain = await sshExec(target('master'), '/usr/local/bin/kubectl get nodes -o json');
    assert.equal((JSON.parse(plain.stdout) as { items: unknown[] }).items.length, 2);
  });
  test('faults are per node: the worker’s kubectl is unaffected', async () => {
    tb?.setFault('master', 'kubectl-banner');
    const r = await sshExec(target('worker'), '/usr/local/bin/kubectl version -o json');
    assert.match(r.stdout, /^\{/);
    tb?.setFault('master', 'none');
  });
});

describe('testbed: unreachable node and host keys', { skip, concurrency: false }, () => {
  after(() => {
    tb?.setReachable('worker', true);
  });

  test('setReachable(false) drops SYNs to port 22 (a timeout, not a refusal); true restores SSH', async () => {
    const host = target('worker').host;
    tb?.setReachable('worker', false);
    assert.equal(await tcpState(host, 1500), 'timeout');
    tb?.setReachable('worker', true);
    assert.equal(await tcpState(host, 3000), 'open');
    assert.equal((await sshExec(target('worker'), 'hostname')).stdout.trim(), 'worker1');
  });
  test('rotateHostKey: sshd serves a new key, a pinned client refuses it; restoreHostKey brings the old one back', async () => {
    if (!tb) return;
    const old = target('master').hostKeyFingerprint;
    try {
      const fresh = tb.rotateHostKey('master');
      assert.notEqual(fresh, old);
      await assert.rejects(sshExec(target('master'), 'true'), /host key|verification/i);
      assert.equal((await sshExec({ ...target('master'), hostKeyFingerprint: fresh }, 'hostname')).stdout.trim(), 'ubuntu');
    } finally {
      assert.equal(tb.restoreHostKey('master'), old);
    }
    assert.equal((await sshExec(target('master'), 'hostname')).stdout.trim(), 'ubuntu');
  });
});

describe('testbed: sshd limits', { skip }, () => {
  test('MaxSessions 10: ten channels on one connection work, the eleventh is refused', async () => {
    const conn = await connect(target('master'));
    try {
      const ten = Array.from({ length: 10 }, () => execOn(conn, 'sleep 1; echo ok'));
      await new Promise((r) => setTimeout(r, 300));
      await assert.rejects(execOn(conn, 'echo eleventh'), /open failed|Channel open failure/i);
      const results = await Promise.all(ten);
      assert.ok(results.every((r) => r.stdout.trim() === 'ok'));
    } finally {
      conn.end();
    }
  });
});
