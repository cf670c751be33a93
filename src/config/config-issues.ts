import type { z } from 'zod';
import { t, type Localized } from '../shared/i18n.ts';
import { editDistance } from '../shared/edit-distance.ts';

/** One mistake in the hosts config: where, what is wrong, and what to write instead. */
export interface ConfigIssue {
  /** Dotted path in the YAML (`hosts.master.port`), or `(file)` for the file as a whole. */
  path: string;
  problem: Localized;
  fix: Localized;
}

/** What each field expects and an example line, used for every kind of mistake on that field. */
const FIELD_HELP: Record<string, { expect: Localized; example: string }> = {
  hosts: {
    expect: t('一个“主机名 → 主机”的映射', 'a map of host name → host'),
    example: 'hosts:\n  master: { role: master, host: 192.168.157.133, user: root, password: "…" }',
  },
  hostName: {
    expect: t(
      '字母或数字开头，只含字母、数字、_ 和 -，最多 32 个字符',
      'a name starting with a letter or digit, with only letters, digits, _ and -, at most 32 characters',
    ),
    example: 'master:',
  },
  role: { expect: t('master 或 worker', 'master or worker'), example: 'role: master' },
  host: {
    expect: t('IP 地址或主机名（不含空格、@、:，不以 - 开头）', 'an IP address or a host name (no spaces, @ or :, not starting with -)'),
    example: 'host: 192.168.157.133',
  },
  port: { expect: t('1–65535 的整数', 'a whole number 1–65535'), example: 'port: 22' },
  user: {
    expect: t('登录用户名（字母、数字、_ . -，不以 - 开头）', 'a login name (letters, digits, _ . -, not starting with -)'),
    example: 'user: root',
  },
  password: { expect: t('用引号括起来的登录密码', 'the login password, in quotes'), example: 'password: "123456"' },
  privateKey: {
    expect: t(
      '私钥文件路径（相对于本配置文件，~/ 表示主目录）',
      'the path of a private key file (relative to this config file; ~/ is your home folder)',
    ),
    example: 'privateKey: ~/.ssh/id_ed25519',
  },
  passphrase: { expect: t('私钥的口令（用引号括起来）', "the private key's passphrase, in quotes"), example: 'passphrase: "…"' },
  agent: { expect: t('true（使用 ssh-agent 中的密钥）', 'true (use the keys of your ssh-agent)'), example: 'agent: true' },
  hostKey: {
    expect: t(
      'SHA256 指纹，在虚拟机上用 ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub 查看',
      'a SHA256 fingerprint; on the VM run ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
    ),
    example: 'hostKey: SHA256:…',
  },
  knownHosts: {
    expect: t('记录主机密钥的文件路径', 'the path of the file that records host keys'),
    example: 'knownHosts: k8s-labs.known_hosts',
  },
  probeTimeoutSeconds: { expect: t('1–600 的整数（秒）', 'a whole number of seconds, 1–600'), example: 'probeTimeoutSeconds: 30' },
  connectTimeoutSeconds: { expect: t('1–120 的整数（秒）', 'a whole number of seconds, 1–120'), example: 'connectTimeoutSeconds: 10' },
  hostTimeoutSeconds: { expect: t('5–3600 的整数（秒）', 'a whole number of seconds, 5–3600'), example: 'hostTimeoutSeconds: 120' },
};

const HOST_KEYS = ['role', 'host', 'port', 'user', 'password', 'privateKey', 'passphrase', 'agent', 'hostKey'];
const TOP_KEYS = ['hosts', 'knownHosts', 'probeTimeoutSeconds', 'connectTimeoutSeconds', 'hostTimeoutSeconds'];
/** Values never echoed back in a message. */
const SECRET_FIELDS = new Set(['password', 'passphrase']);

export function fieldHelp(field: string): { expect: Localized; example: string } {
  return FIELD_HELP[field] ?? { expect: t('见文档 docs/hosts-config', 'see the documentation'), example: '' };
}

export function issue(path: string, problem: Localized, fix: Localized): ConfigIssue {
  return { path, problem, fix };
}

/** A fix that tells what the field expects and shows an example line. */
export function writeLike(field: string): Localized {
  const help = fieldHelp(field);
  const ex = help.example.split('\n')[0] ?? '';
  return ex
    ? t(`应为${help.expect.zh}，例如 ${ex}`, `write ${help.expect.en}, e.g. ${ex}`)
    : t(`应为${help.expect.zh}`, `write ${help.expect.en}`);
}

/** Converts zod issues about the raw YAML into ConfigIssues (one per mistake, secrets never shown). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const zi of issues) {
    const path = zi.path.map(String);
    if (zi.code === 'unrecognized_keys') {
      const known = path.length === 0 ? TOP_KEYS : path.length === 2 && path[0] === 'hosts' ? HOST_KEYS : [];
      for (const key of zi.keys) out.push(unknownKey([...path, key].join('.'), key, known));
      continue;
    }
    if (zi.code === 'invalid_key') {
      out.push(
        issue(
          dotted(path),
          t(`主机名 ${quoteValue(path.at(-1))} 不合规`, `host name ${quoteValue(path.at(-1))} is not allowed`),
          writeLike('hostName'),
        ),
      );
      continue;
    }
    const field = fieldOf(path);
    const value = valueAt(raw, path);
    if (value === undefined) {
      out.push(issue(dotted(path), t('缺少此项', 'is missing'), writeLike(field)));
      continue;
    }
    const problem = SECRET_FIELDS.has(field)
      ? t(`类型不对（${typeName(value).zh}）`, `has the wrong type (${typeName(value).en})`)
      : t(`值 ${quoteValue(value)} 不对`, `${quoteValue(value)} is not valid`);
    out.push(issue(dotted(path), problem, hintFor(field, value)));
  }
  return out;
}

/** Extra guidance for the common ways to get a field wrong. */
function hintFor(field: string, value: unknown): Localized {
  if (field === 'host' && typeof value === 'string') {
    if (value.includes('@'))
      return t(
        '把用户名写在 user: 里，host: 只写地址，例如 host: 192.168.157.133',
        'put the login name in user: and only the address in host:, e.g. host: 192.168.157.133',
      );
    if (value.startsWith('-'))
      return t(
        'host 不能以 - 开头（那会被当作 ssh 选项）；只写 IP 地址或主机名',
        'host must not start with - (it would read as an ssh option); write only an IP address or a host name',
      );
    if (/^[^:]+:\d+$/.test(value))
      return t(
        '把端口写在 port: 里，例如 host: 192.168.157.133 和 port: 2222',
        'put the port in port:, e.g. host: 192.168.157.133 and port: 2222',
      );
  }
  if ((field === 'password' || field === 'passphrase') && typeof value === 'number') {
    return t(
      `数字密码要加引号，例如 ${field}: "123456"（否则 YAML 会把它当成数字，丢掉开头的 0）`,
      `quote a numeric ${field}, e.g. ${field}: "123456" (YAML reads it as a number and drops leading zeros)`,
    );
  }
  if (field === 'agent' && value === false)
    return t('不使用 ssh-agent 时删除 agent 这一行', 'remove the agent line when you do not use ssh-agent');
  return writeLike(field);
}

function unknownKey(path: string, key: string, known: string[]): ConfigIssue {
  const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const fix = near
    ? t(`是不是想写 ${near}？`, `did you mean ${near}?`)
    : t(`可用的键：${known.join(', ') || '（无）'}`, `known keys: ${known.join(', ') || '(none)'}`);
  return issue(path, t(`未知的键 ${quoteValue(key)}`, `unknown key ${quoteValue(key)}`), fix);
}

/** The field a path names: `hosts.<name>` is a host name, `hosts.<name>.<field>` a host field. */
function fieldOf(path: string[]): string {
  if (path.length === 2 && path[0] === 'hosts') return 'hostName';
  return path.at(-1) ?? 'hosts';
}

export function dotted(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(file)' : path.join('.');
}

function valueAt(raw: unknown, path: string[]): unknown {
  let cur = raw;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function typeName(value: unknown): Localized {
  if (value === null) return t('空值', 'null');
  if (Array.isArray(value)) return t('列表', 'a list');
  if (typeof value === 'object') return t('映射', 'a map');
  if (typeof value === 'number') return t('数字', 'a number');
  if (typeof value === 'boolean') return t('布尔值', 'a boolean');
  return t('字符串', 'a string');
}

/** A short, printable rendering of a value from the file (control characters escaped). */
export function quoteValue(value: unknown): string {
  if (value === null || typeof value === 'object') return typeName(value).en;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(String(value)) ?? '';
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}
