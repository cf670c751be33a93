import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostsConfig } from '../../config/hosts-config.ts';
import { sshdSkip, startSshd, type TestSshd } from '../../ssh/test-sshd.ts';
import { APPLY_COMMANDS, applyOnMaster } from './kubectl-apply.ts';

/**
 * Against a real OpenSSH sshd on 127.0.0.1 whose key is bound to a recording command (the
 * authorized_keys `command=` option): what the server received as the command line and as stdin
 * is written to files, so the test sees exactly what a VM's kubectl would get.
 */
const record = mkdtempSync(join(tmpdir(), 'k8s-labs-apply-'));
let sshd: TestSshd | undefined;

const YAML = `# a comment with 'quotes', $(touch ${record}/pwned) and \`backticks\`; "ünïcödé"
apiVersion: v1
kind: Pod
metadata:
  name: pod1
spec:
  containers:
  - name: fileserver
    image: nginx
`;

before(async () => {
  if (sshdSkip) return;
  const script = join(record, 'record.sh');
  writeFileSync(
    script,
    `#!/bin/sh\nn=$(ls ${record} | grep -c '^cmd-')\nprintf '%s' "$SSH_ORIGINAL_COMMAND" > ${record}/cmd-$n\ncat > ${record}/stdin-$n\ncase $SSH_ORIGINAL_COMMAND in *dry-run=server*) echo 'pod/pod1 created (server dry run)';; *) echo 'pod/pod1 created';; esac\n`,
  );
  chmodSync(script, 0o755);
  sshd = await startSshd({ keyOptions: `command="${script}",no-pty` });
});

after(async () => {
  await sshd?.stop();
  rmSync(record, { recursive: true, force: true });
});

function config(s: TestSshd): HostsConfig {
  return {
    path: join(s.dir, 'k8s-labs.yaml'),
    hosts: [
      {
        name: 'master',
        role: 'master',
        host: '127.0.0.1',
        port: s.port,
        user: 'root',
        auth: { kind: 'key', privateKeyPath: s.clientKeyPath },
        hostKey: s.hostKeyFingerprint,
      },
    ],
    knownHostsPath: join(s.dir, 'known_hosts'),
    probeTimeoutMs: 30_000,
    connectTimeoutMs: 10_000,
    hostTimeoutMs: 120_000,
  };
}

function recorded(): { cmd: string; stdin: string }[] {
  return readdirSync(record)
    .filter((f) => f.startsWith('cmd-'))
    .sort()
    .map((f) => ({ cmd: readFileSync(join(record, f), 'utf8'), stdin: readFileSync(join(record, f.replace('cmd-', 'stdin-')), 'utf8') }));
}

test('apply sends the YAML byte for byte on stdin, dry run first, under constant commands', { skip: sshdSkip }, async () => {
  assert.ok(sshd);
  const result = await applyOnMaster(config(sshd), YAML, false, 'en');
  assert.equal(result.state, 'ran');
  if (result.state !== 'ran') return;
  assert.deepEqual(
    [result.dryRun.command, result.dryRun.exitCode, result.dryRun.stdout],
    ['kubectl apply --dry-run=server -f -', 0, 'pod/pod1 created (server dry run)\n'],
  );
  assert.deepEqual([result.apply?.command, result.apply?.exitCode, result.apply?.stdout], ['kubectl apply -f -', 0, 'pod/pod1 created\n']);
  assert.deepEqual(recorded(), [
    { cmd: APPLY_COMMANDS.dryRun, stdin: YAML },
    { cmd: APPLY_COMMANDS.apply, stdin: YAML },
  ]);
  assert.ok(!existsSync(join(record, 'pwned')), 'text in the YAML is never run');
  for (const cmd of Object.values(APPLY_COMMANDS)) assert.ok(!cmd.includes('pod1') && !cmd.includes('nginx'));
});

test('"dry run only" stops after the dry run; a failing dry run is never followed by the apply', { skip: sshdSkip }, async () => {
  assert.ok(sshd);
  const before = recorded().length;
  const dry = await applyOnMaster(config(sshd), YAML, true, 'en');
  assert.equal(dry.state === 'ran' && dry.apply, null);
  assert.equal(recorded().length, before + 1);
  const failing = {
    exec: async () => ({ exitCode: 1, exitSignal: null, timedOut: false, aborted: false }),
    close: () => undefined,
  };
  const refused = await applyOnMaster(config(sshd), YAML, false, 'en', async () => failing);
  assert.deepEqual(refused.state === 'ran' && [refused.dryRun.exitCode, refused.apply], [1, null]);
});

test('a host that refuses the login is reported with the SSH module’s explanation', { skip: sshdSkip }, async () => {
  assert.ok(sshd);
  const c = config(sshd);
  const wrong: HostsConfig = {
    ...c,
    hosts: c.hosts.map((h) => ({ ...h, user: 'root', auth: { kind: 'password' as const, password: 'wrong' } })),
  };
  const result = await applyOnMaster(wrong, YAML, true, 'en');
  assert.equal(result.state, 'not-connected');
  if (result.state === 'not-connected') {
    assert.equal(result.failure.kind, 'auth');
    assert.match(result.failure.message, /password or key of user root was not accepted/);
  }
});
