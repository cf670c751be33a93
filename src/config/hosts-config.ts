import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { t, type Localized } from '../shared/i18n.ts';
import { dotted, fromZodIssues, issue, quoteValue, writeLike, type ConfigIssue } from './config-issues.ts';
import { HOST_NAME_PATTERN, RawConfig, type RawHost } from './hosts-schema.ts';

/** One VM to collect from, validated. */
export interface HostEntry {
  /** The learner's name for the host (key under `hosts:`), also its key in a snapshot. */
  name: string;
  role: 'master' | 'worker';
  host: string;
  port: number;
  user: string;
  auth: { kind: 'password'; password: string } | { kind: 'key'; privateKeyPath: string; passphrase?: string } | { kind: 'agent' };
  /** Pinned host key fingerprint (`SHA256:…`); when absent, trust on first use via the known-hosts file. */
  hostKey?: string;
}

/** The hosts config, validated once at start-up and passed down. */
export interface HostsConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Hosts in file order; exactly one master, at most one worker. */
  hosts: HostEntry[];
  /** Absolute path of the known-hosts file (OpenSSH format) used for trust on first use. */
  knownHostsPath: string;
  probeTimeoutMs: number;
  connectTimeoutMs: number;
  /** Deadline of one host's whole collection (all probes in one exec). */
  hostTimeoutMs: number;
}

export const DEFAULT_CONFIG_NAME = 'k8s-labs.yaml';

/** A config that cannot be used. `message` lists every mistake, one per line, in both languages. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly issues: ConfigIssue[];
  readonly detail: Localized;
  constructor(file: string, issues: ConfigIssue[], lead?: Localized) {
    const head =
      lead ?? t(`${file} 中有 ${issues.length} 处错误：`, `${file} has ${issues.length} mistake${issues.length === 1 ? '' : 's'}:`);
    const zh = [head.zh, ...issues.map((i) => `${i.path}: ${i.problem.zh}（${i.fix.zh}）`)].join('\n');
    const en = [head.en, ...issues.map((i) => `${i.path}: ${i.problem.en} (${i.fix.en})`)].join('\n');
    super(`${en}\n\n${zh}`);
    this.issues = issues;
    this.detail = { zh, en };
  }
}

/** `--config FILE` > `K8S_LABS_CONFIG` > `./k8s-labs.yaml`, resolved against `cwd`. */
export function defaultConfigPath(env: Record<string, string | undefined>, cwd: string, flag?: string): string {
  const chosen = flag || env['K8S_LABS_CONFIG'] || DEFAULT_CONFIG_NAME;
  return resolve(cwd, chosen);
}

export const EXAMPLE_CONFIG = `# k8s-labs.yaml: the VMs of your cluster (docs/hosts-config.md)
hosts:
  master:
    role: master
    host: 192.168.157.133
    user: root
    password: "your password"
  worker:
    role: worker
    host: 192.168.157.132
    user: root
    privateKey: ~/.ssh/id_ed25519
`;

/** Reads and validates the config file; throws ConfigError (also when the file is missing). */
export function loadHostsConfig(path: string): HostsConfig {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new ConfigError(
      file,
      [],
      t(
        `找不到主机配置文件 ${file}。在网站的“主机设置”页面（npm start 后打开 /hosts/）填写一次即可生成它；也可以手写（或用 --config 指定其他文件），最小示例：\n\n${EXAMPLE_CONFIG}`,
        `No hosts config at ${file}. Fill in the site's host setup page once (npm start, then open /en/hosts/) to create it, or write it by hand (or pass --config FILE); a minimal example:\n\n${EXAMPLE_CONFIG}`,
      ),
    );
  }
  return parseHostsConfig(readFileSync(file, 'utf8'), file);
}

/** Validates config text; `path` locates relative key files and the default known-hosts file. */
export function parseHostsConfig(text: string, path: string): HostsConfig {
  const file = resolve(path);
  let raw: unknown;
  try {
    raw = parseYaml(text, { uniqueKeys: true, maxAliasCount: 50 });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
    const first = (err as Error).message.split('\n')[0] ?? '';
    throw new ConfigError(file, [
      issue(
        '(file)',
        t(`不是有效的 YAML${where}：${first}`, `not valid YAML${where}: ${first}`),
        t('修正该行；字符串中含 : 或 # 时加引号', 'fix that line; quote strings that contain : or #'),
      ),
    ]);
  }
  if (raw === null || raw === undefined) {
    throw new ConfigError(file, [
      issue(
        '(file)',
        t('文件是空的', 'the file is empty'),
        t(`按此示例填写：\n${EXAMPLE_CONFIG}`, `fill it in like this:\n${EXAMPLE_CONFIG}`),
      ),
    ]);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [
      issue(
        '(file)',
        t('顶层应是一个映射（以 hosts: 开头）', 'the top level must be a map (starting with hosts:)'),
        t(`按此示例填写：\n${EXAMPLE_CONFIG}`, `fill it in like this:\n${EXAMPLE_CONFIG}`),
      ),
    ]);
  }
  const parsed = RawConfig.safeParse(raw);
  // Cross-field rules run on the raw map too, so one run lists every mistake, not the first kind.
  const rawHosts = looseHosts((raw as Record<string, unknown>)['hosts']);
  const issues: ConfigIssue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues, raw);
  const dir = dirname(file);
  for (const [name, h] of Object.entries(rawHosts)) checkAuth(name, h, dir, issues);
  checkNames(rawHosts, issues);
  checkRoles(rawHosts, issues);
  checkDistinct(rawHosts, issues);
  if (!parsed.success || issues.length > 0)
    throw new ConfigError(
      file,
      issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    );
  const cfg = parsed.data;
  const hosts = Object.entries(cfg.hosts).map(([name, h]) => toEntry(name, h, dir));
  const base = basename(file, extname(file));
  return {
    path: file,
    hosts,
    knownHostsPath: cfg.knownHosts ? expandPath(cfg.knownHosts, dir) : join(dir, `${base}.known_hosts`),
    probeTimeoutMs: (cfg.probeTimeoutSeconds ?? 30) * 1000,
    connectTimeoutMs: (cfg.connectTimeoutSeconds ?? 10) * 1000,
    hostTimeoutMs: (cfg.hostTimeoutSeconds ?? 120) * 1000,
  };
}

type LooseHost = Record<string, unknown>;

/** Host entries as written; a null-prototype map, so a host named `__proto__` stays a plain key. */
function looseHosts(value: unknown): Record<string, LooseHost> {
  const out = Object.create(null) as Record<string, LooseHost>;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [name, h] of Object.entries(value)) {
    if (h !== null && typeof h === 'object' && !Array.isArray(h)) out[name] = h as LooseHost;
  }
  return out;
}

/** Zod's record check skips a `__proto__` key; every host name is checked here as well. */
function checkNames(hosts: Record<string, LooseHost>, issues: ConfigIssue[]): void {
  for (const name of Object.keys(hosts)) {
    const path = dotted(['hosts', name]);
    if (!HOST_NAME_PATTERN.test(name) && !issues.some((i) => i.path === path && i.problem.en.startsWith('host name'))) {
      issues.push(
        issue(path, t(`主机名 ${quoteValue(name)} 不合规`, `host name ${quoteValue(name)} is not allowed`), writeLike('hostName')),
      );
    }
  }
}

function toEntry(name: string, h: RawHost, dir: string): HostEntry {
  let auth: HostEntry['auth'];
  if (h.password !== undefined) auth = { kind: 'password', password: h.password };
  else if (h.agent) auth = { kind: 'agent' };
  else {
    const privateKeyPath = expandPath(h.privateKey ?? '', dir);
    auth = h.passphrase === undefined ? { kind: 'key', privateKeyPath } : { kind: 'key', privateKeyPath, passphrase: h.passphrase };
  }
  const entry: HostEntry = { name, role: h.role, host: h.host, port: h.port ?? 22, user: h.user, auth };
  if (h.hostKey !== undefined) entry.hostKey = h.hostKey;
  return entry;
}

/** Exactly one way to log in; a passphrase only with a key; a key file that can be read. */
function checkAuth(name: string, h: LooseHost, dir: string, issues: ConfigIssue[]): void {
  const at = (field: string) => dotted(['hosts', name, field]);
  const ways = (['password', 'privateKey', 'agent'] as const).filter((k) => h[k] !== undefined);
  if (ways.length === 0) {
    issues.push(
      issue(
        dotted(['hosts', name]),
        t('没有登录方式', 'has no way to log in'),
        t('写 password:、privateKey: 或 agent: true 中的一个', 'write one of password:, privateKey: or agent: true'),
      ),
    );
  } else if (ways.length > 1) {
    issues.push(
      issue(
        dotted(['hosts', name]),
        t(`同时给了 ${ways.join(' 和 ')}`, `gives both ${ways.join(' and ')}`),
        t('只保留一种登录方式', 'keep only one way to log in'),
      ),
    );
  }
  if (h['passphrase'] !== undefined && h['privateKey'] === undefined) {
    issues.push(
      issue(
        at('passphrase'),
        t('passphrase 只用于 privateKey', 'passphrase is only used with privateKey'),
        t('删除 passphrase，或改用 privateKey:', 'remove passphrase, or use privateKey:'),
      ),
    );
  }
  const key = h['privateKey'];
  if (typeof key === 'string' && key !== '' && !readable(expandPath(key, dir))) {
    const keyPath = expandPath(key, dir);
    issues.push(
      issue(
        at('privateKey'),
        t(`无法读取密钥文件 ${keyPath}`, `cannot read the key file ${keyPath}`),
        t(
          '检查路径（相对于配置文件），或用 ssh-keygen -t ed25519 创建密钥并用 ssh-copy-id 安装到虚拟机',
          'check the path (relative to the config file), or create a key with ssh-keygen -t ed25519 and install it on the VM with ssh-copy-id',
        ),
      ),
    );
  }
}

/** Exactly one master (graders look for it); at most one worker (the homework's cluster has two nodes). */
function checkRoles(hosts: Record<string, LooseHost>, issues: ConfigIssue[]): void {
  const names = Object.keys(hosts);
  if (names.length === 0) {
    issues.push(issue('hosts', t('没有任何主机', 'lists no host'), writeLike('hosts')));
    return;
  }
  const masters = names.filter((n) => hosts[n]?.['role'] === 'master');
  const workers = names.filter((n) => hosts[n]?.['role'] === 'worker');
  const unknownRoles = names.some((n) => hosts[n]?.['role'] !== 'master' && hosts[n]?.['role'] !== 'worker');
  if (masters.length === 0 && !unknownRoles)
    issues.push(
      issue(
        'hosts',
        t('没有 role: master 的主机', 'has no host with role: master'),
        t('给控制平面节点写 role: master', 'write role: master on the control-plane node'),
      ),
    );
  for (const extra of masters.slice(1)) {
    issues.push(
      issue(
        dotted(['hosts', extra, 'role']),
        t(`第二个 master（已有 ${masters[0]}）`, `a second master (${masters[0]} is one already)`),
        t('只能有一个 master；其他节点写 role: worker', 'exactly one host is the master; write role: worker on the other node'),
      ),
    );
  }
  for (const extra of workers.slice(1)) {
    issues.push(
      issue(
        dotted(['hosts', extra, 'role']),
        t(`第二个 worker（已有 ${workers[0]}）`, `a second worker (${workers[0]} is one already)`),
        t('本课程的集群只有一个 worker；删除多余的主机', "the course's cluster has one worker; remove the extra host"),
      ),
    );
  }
}

function checkDistinct(hosts: Record<string, LooseHost>, issues: ConfigIssue[]): void {
  const seen = new Map<string, string>();
  for (const [name, h] of Object.entries(hosts)) {
    if (typeof h['host'] !== 'string') continue;
    const key = `${h['host'].toLowerCase()}:${typeof h['port'] === 'number' ? h['port'] : 22}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, name);
    else
      issues.push(
        issue(
          dotted(['hosts', name, 'host']),
          t(`与 ${first} 的地址和端口相同`, `has the same address and port as ${first}`),
          t(
            'master 和 worker 是两台不同的虚拟机；写对该节点的 IP',
            'the master and the worker are two different VMs; write the IP of this node',
          ),
        ),
      );
  }
}

/** Resolves `~/…` against the home folder and relative paths against the config's folder. */
function expandPath(p: string, dir: string): string {
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return isAbsolute(p) ? p : resolve(dir, p);
}

function readable(p: string): boolean {
  try {
    accessSync(p, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
