import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, defaultConfigPath, loadHostsConfig, parseHostsConfig } from './hosts-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'id_test'), 'not really a key, but readable');
const FILE = join(dir, 'k8s-labs.yaml');

const GOOD = `hosts:
  master:
    role: master
    host: 192.168.157.133
    user: root
    password: "123456"
  worker:
    role: worker
    host: worker1.lab
    port: 2222
    user: ubuntu
    privateKey: id_test
    passphrase: "pw"
    hostKey: SHA256:zVSxUH+j64oAKY5a/lkc0RDOu6Q+9zI+AEKVnY0vrrY
`;

/** The mistakes a config produces, as "path: english problem" lines. */
function mistakes(yaml: string): string[] {
  try {
    parseHostsConfig(yaml, FILE);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.detail.zh.split('\n').length, err.detail.en.split('\n').length, 'both languages list every mistake');
    return err.issues.map((i) => `${i.path}: ${i.problem.en} (${i.fix.en})`);
  }
  return [];
}
const host = (fields: string, name = 'master') =>
  `hosts:\n  ${name}:\n${fields
    .trim()
    .split('\n')
    .map((l) => `    ${l.trim()}`)
    .join('\n')}\n`;
const MASTER = 'role: master\nhost: 10.0.0.1\nuser: root\npassword: "x"';

test('a good config: defaults, relative key path, pinned key, known-hosts beside the config', () => {
  const cfg = parseHostsConfig(GOOD, FILE);
  assert.equal(cfg.path, FILE);
  assert.equal(cfg.knownHostsPath, join(dir, 'k8s-labs.known_hosts'));
  assert.deepEqual([cfg.probeTimeoutMs, cfg.connectTimeoutMs, cfg.hostTimeoutMs], [30_000, 10_000, 120_000]);
  assert.deepEqual(cfg.hosts[0], {
    name: 'master',
    role: 'master',
    host: '192.168.157.133',
    port: 22,
    user: 'root',
    auth: { kind: 'password', password: '123456' },
  });
  assert.deepEqual(cfg.hosts[1]?.auth, { kind: 'key', privateKeyPath: join(dir, 'id_test'), passphrase: 'pw' });
  assert.equal(cfg.hosts[1]?.port, 2222);
  assert.equal(cfg.hosts[1]?.hostKey, 'SHA256:zVSxUH+j64oAKY5a/lkc0RDOu6Q+9zI+AEKVnY0vrrY');
});

test('optional top-level settings and agent auth; a master alone is allowed', () => {
  const cfg = parseHostsConfig(
    `${host('role: master\nhost: ::1\nuser: u\nagent: true')}knownHosts: kh/known\nprobeTimeoutSeconds: 5\nconnectTimeoutSeconds: 3\nhostTimeoutSeconds: 60\n`,
    FILE,
  );
  assert.deepEqual(cfg.hosts[0]?.auth, { kind: 'agent' });
  assert.equal(cfg.knownHostsPath, join(dir, 'kh/known'));
  assert.deepEqual([cfg.probeTimeoutMs, cfg.connectTimeoutMs, cfg.hostTimeoutMs], [5000, 3000, 60_000]);
  const tilde = mistakes(host('role: master\nhost: h\nuser: u\nprivateKey: ~/.k8s-labs-no-such-key'));
  assert.ok(tilde[0]?.includes(join(homedir(), '.k8s-labs-no-such-key')), '~ is the home folder');
});

test('host: IPs and host names only; user@host, host:port, options and spaces are mistakes with a fix', () => {
  const cases: [string, RegExp][] = [
    ['root@10.0.0.1', /put the login name in user:/],
    ['10.0.0.1:22', /put the port in port:/],
    ['-oProxyCommand=touch /tmp/x', /must not start with -/],
    ['-oProxyCommand=x', /must not start with -/],
    ['my vm', /write an IP address or a host name/],
    ['a;b', /IP address or a host name/],
    ['$(id)', /IP address or a host name/],
    ['a_b.lab', /IP address or a host name/],
    ['', /IP address or a host name/],
  ];
  for (const [value, fix] of cases) {
    const m = mistakes(host(`role: master\nhost: ${JSON.stringify(value)}\nuser: root\npassword: "x"`));
    assert.equal(m.length, 1, `${value}: ${m.join(' | ')}`);
    assert.match(m[0] ?? '', /^hosts\.master\.host: /);
    assert.match(m[0] ?? '', fix);
  }
  for (const ok of ['192.168.157.133', 'fe80::1', 'k8s-master', 'node-1.example.com']) {
    assert.equal(parseHostsConfig(host(`role: master\nhost: ${ok}\nuser: root\npassword: "x"`), FILE).hosts[0]?.host, ok);
  }
});

test('every field kind: wrong type, out of range, bad format, missing', () => {
  const m = mistakes(host('role: boss\nhost: 10.0.0.1\nport: 70000\nuser: "-root"\npassword: 123456\nhostKey: MD5:aa:bb'));
  assert.deepEqual(
    m.map((l) => l.split(':')[0]),
    ['hosts.master.hostKey', 'hosts.master.password', 'hosts.master.port', 'hosts.master.role', 'hosts.master.user'],
  );
  assert.match(m.find((l) => l.startsWith('hosts.master.password')) ?? '', /quote a numeric password, e\.g\. password: "123456"/);
  assert.doesNotMatch(m.join('\n'), /123456 is not valid/, 'a password is never echoed');
  assert.match(
    m.find((l) => l.startsWith('hosts.master.port')) ?? '',
    /70000 is not valid \(write a whole number 1–65535, e\.g\. port: 22\)/,
  );
  assert.match(m.find((l) => l.startsWith('hosts.master.role')) ?? '', /"boss" is not valid \(write master or worker/);
  assert.match(m.find((l) => l.startsWith('hosts.master.hostKey')) ?? '', /SHA256 fingerprint; on the VM run ssh-keygen -lf/);
  const missing = mistakes(host('role: master'));
  assert.ok(
    missing.includes(
      'hosts.master.host: is missing (write an IP address or a host name (no spaces, @ or :, not starting with -), e.g. host: 192.168.157.133)',
    ),
    missing.join('\n'),
  );
  assert.ok(missing.some((l) => l.startsWith('hosts.master.user: is missing')));
  assert.ok(missing.some((l) => l.startsWith('hosts.master: has no way to log in')));
  assert.match(mistakes(`${host(MASTER)}probeTimeoutSeconds: 0\n`)[0] ?? '', /^probeTimeoutSeconds: 0 is not valid/);
  assert.match(mistakes(`${host(MASTER)}connectTimeoutSeconds: "ten"\n`)[0] ?? '', /^connectTimeoutSeconds: "ten" is not valid/);
  assert.match(mistakes(host('role: master\nhost: h\nuser: u\nagent: false'))[0] ?? '', /remove the agent line/);
});

test('unknown keys are mistakes, with the likely intended key', () => {
  const m = mistakes(`${host(`${MASTER}\npasword: y\nips: 1`)}timeout: 5\n`);
  assert.ok(m.includes('hosts.master.pasword: unknown key "pasword" (did you mean password?)'), m.join('\n'));
  assert.ok(m.some((l) => l.startsWith('hosts.master.ips: unknown key "ips" (known keys: role, host, port')));
  assert.ok(m.some((l) => l.startsWith('timeout: unknown key "timeout"')));
});

test('login methods: none, two, a passphrase without a key, a key file that cannot be read', () => {
  assert.match(
    mistakes(host('role: master\nhost: h\nuser: u'))[0] ?? '',
    /has no way to log in \(write one of password:, privateKey: or agent: true\)/,
  );
  assert.match(mistakes(host('role: master\nhost: h\nuser: u\npassword: "p"\nagent: true'))[0] ?? '', /gives both password and agent/);
  assert.match(
    mistakes(host('role: master\nhost: h\nuser: u\npassword: "p"\npassphrase: "q"'))[0] ?? '',
    /^hosts\.master\.passphrase: passphrase is only used with privateKey/,
  );
  assert.match(
    mistakes(host('role: master\nhost: h\nuser: u\nprivateKey: nope/id_rsa'))[0] ?? '',
    new RegExp(`cannot read the key file ${join(dir, 'nope/id_rsa')}.*ssh-keygen -t ed25519`),
  );
});

test('roles: exactly one master, at most one worker; two hosts at one address', () => {
  const w = (name: string, ip: string) => `  ${name}:\n    role: worker\n    host: ${ip}\n    user: root\n    password: "x"\n`;
  assert.match(mistakes(`hosts:\n${w('a', '10.0.0.1')}`).join('\n'), /^hosts: has no host with role: master/m);
  const two = mistakes(`${host(MASTER)}  m2:\n    role: master\n    host: 10.0.0.2\n    user: root\n    password: "x"\n`);
  assert.deepEqual(two, [
    'hosts.m2.role: a second master (master is one already) (exactly one host is the master; write role: worker on the other node)',
  ]);
  const workers = mistakes(`${host(MASTER)}${w('w1', '10.0.0.2')}${w('w2', '10.0.0.3')}`);
  assert.match(workers.join('\n'), /^hosts\.w2\.role: a second worker \(w1 is one already\)/m);
  const same = mistakes(`${host(MASTER)}${w('w1', '10.0.0.1')}`);
  assert.match(same.join('\n'), /^hosts\.w1\.host: has the same address and port as master/m);
  assert.match(mistakes('hosts: {}\n').join('\n'), /^hosts: lists no host/m);
});

test('host names: safe identifiers only (they become snapshot keys)', () => {
  for (const bad of ['"__proto__"', '"my vm"', '"-x"', '"a.b"']) {
    assert.match(mistakes(host(MASTER, bad)).join('\n'), /host name .* is not allowed/, bad);
  }
});

test('many mistakes at once are all listed, sorted by path, in both languages', () => {
  try {
    parseHostsConfig(`${host('role: master\nhost: "a b"\nuser: "-x"\npasword: 1')}extra: 1\n`, FILE);
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const paths = err.issues.map((i) => i.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.ok(err.issues.length >= 5);
    assert.match(err.message, new RegExp(`^${FILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has ${err.issues.length} mistakes:`));
    assert.match(err.detail.zh, /处错误/);
  }
});

test('not YAML, empty, or not a map: one clear mistake each', () => {
  assert.match(mistakes('hosts:\n  master: {role: master\n')[0] ?? '', /^\(file\): not valid YAML \(line \d+, column \d+\)/);
  assert.match(mistakes('hosts:\n  a: 1\n  a: 2\n')[0] ?? '', /not valid YAML/);
  assert.match(mistakes('')[0] ?? '', /the file is empty \(fill it in like this:\n# k8s-labs.yaml/);
  assert.match(mistakes('- a\n- b\n')[0] ?? '', /top level must be a map/);
});

test('a missing file says how to create one, with a minimal example', () => {
  assert.throws(
    () => loadHostsConfig(join(dir, 'absent.yaml')),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(
        err.detail.en,
        /No hosts config at .*absent\.yaml\. Fill in the site.s host setup page once .* or write it by hand \(or pass --config FILE\); a minimal example:/,
      );
      assert.match(err.detail.en, /role: master\n {4}host: 192\.168\.157\.133/);
      assert.match(err.detail.zh, /找不到主机配置文件/);
      return true;
    },
  );
  writeFileSync(FILE, GOOD);
  assert.equal(loadHostsConfig(FILE).hosts.length, 2);
});

test('config path: --config, then K8S_LABS_CONFIG, then ./k8s-labs.yaml', () => {
  assert.equal(defaultConfigPath({}, '/w'), '/w/k8s-labs.yaml');
  assert.equal(defaultConfigPath({ K8S_LABS_CONFIG: 'cfg/x.yaml' }, '/w'), '/w/cfg/x.yaml');
  assert.equal(defaultConfigPath({ K8S_LABS_CONFIG: '/abs.yaml' }, '/w', 'flag.yaml'), '/w/flag.yaml');
});
