import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import { ConfigError } from '../../config/hosts-config.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import type { HostInput, HostsView, HostView, SaveHostsResponse } from '../../client/check/api-types.ts';
import { isSealed, sealSecret } from '../secrets/secret-box.ts';
import { parseSiteHostsConfig, SEALED_FIELDS, secretFieldPath, type SecretField } from './site-hosts-config.ts';

/**
 * The host setup page's two operations on `k8s-labs.yaml`: show what is configured (never a
 * secret, only whether one is saved) and save what the learner typed (secrets sealed; a blank
 * secret keeps the saved one). Saving validates with the config module first and writes nothing
 * when it finds a mistake.
 */

const HEADER = ` k8s-labs.yaml: the VMs of your cluster (docs/hosts-config.md).
 Written by the site's host setup page; passwords are stored encrypted (passwordEncrypted) with the
 key in the data folder, so this file alone does not reveal them.`;

function stringAt(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function readDoc(path: string): Document | undefined {
  if (!existsSync(path)) return undefined;
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc;
}

function hostView(name: string, h: YAMLMap): HostView {
  const role = h.get('role') === 'worker' ? 'worker' : 'master';
  const port = Number(h.get('port') ?? 22);
  const view: HostView = {
    name,
    role,
    host: stringAt(h, 'host') ?? '',
    port: Number.isInteger(port) ? port : 22,
    user: stringAt(h, 'user') ?? '',
    auth: h.has('privateKey') ? 'key' : h.get('agent') === true ? 'agent' : 'password',
    hasPassword: h.has('password') || h.has(SEALED_FIELDS.password),
    hasPassphrase: h.has('passphrase') || h.has(SEALED_FIELDS.passphrase),
  };
  const key = stringAt(h, 'privateKey');
  if (key !== undefined) view.privateKey = key;
  const pin = stringAt(h, 'hostKey');
  if (pin !== undefined) view.hostKey = pin;
  return view;
}

/** What the page shows: hosts without secrets, and the config's mistakes when it has any. */
export function hostsView(path: string, key: Buffer, lang: Lang): HostsView {
  const file = resolve(path);
  const view: HostsView = { configPath: file, exists: existsSync(file), hosts: [] };
  if (!view.exists) return view;
  const doc = readDoc(file);
  const hosts = doc?.get('hosts');
  if (isMap(hosts)) {
    for (const pair of hosts.items) {
      if (isMap(pair.value)) view.hosts.push(hostView(String((pair.key as { value?: unknown } | null)?.value ?? pair.key), pair.value));
    }
  }
  try {
    parseSiteHostsConfig(readFileSync(file, 'utf8'), file, key);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    view.problems = err.detail[lang];
  }
  return view;
}

/** The existing entry of a host, to keep what the form does not show (a pin, a sealed secret). */
function existingHost(doc: Document | undefined, name: string): YAMLMap | undefined {
  const h = doc?.getIn(['hosts', name]);
  return isMap(h) ? h : undefined;
}

/** The sealed value to store for a secret field: the new one typed, else the saved one (sealed now if it was in clear). */
function sealedValue(
  key: Buffer,
  name: string,
  field: SecretField,
  typed: string | undefined,
  old: YAMLMap | undefined,
): string | undefined {
  if (typed !== undefined && typed !== '') return sealSecret(key, typed, secretFieldPath(name, field));
  const saved = old?.get(SEALED_FIELDS[field]);
  if (isSealed(saved)) return saved;
  const clear = old?.get(field);
  if (typeof clear === 'string' && clear !== '') return sealSecret(key, clear, secretFieldPath(name, field));
  return undefined;
}

function entryFor(key: Buffer, input: HostInput, old: YAMLMap | undefined): Record<string, unknown> {
  const entry: Record<string, unknown> = { role: input.role, host: input.host.trim() };
  if (input.port !== 22) entry['port'] = input.port;
  entry['user'] = input.user.trim();
  if (input.auth === 'password') {
    const sealed = sealedValue(key, input.name, 'password', input.password, old);
    if (sealed !== undefined) entry[SEALED_FIELDS.password] = sealed;
  } else if (input.auth === 'key') {
    entry['privateKey'] = (input.privateKey ?? '').trim();
    const sealed = sealedValue(key, input.name, 'passphrase', input.passphrase, old);
    if (sealed !== undefined) entry[SEALED_FIELDS.passphrase] = sealed;
  } else {
    entry['agent'] = true;
  }
  // A pinned host key belongs to an address; a VM at another address has another key.
  const pin = old?.get('hostKey');
  if (typeof pin === 'string' && old?.get('host') === entry['host'] && Number(old?.get('port') ?? 22) === input.port)
    entry['hostKey'] = pin;
  return entry;
}

/** Builds the new file text (secrets sealed) from the form, keeping the file's other settings. */
export function hostsFileText(path: string, key: Buffer, inputs: HostInput[]): string {
  const old = readDoc(resolve(path));
  const top: Record<string, unknown> = {};
  const oldTop = old?.contents;
  if (isMap(oldTop)) {
    for (const pair of oldTop.items) {
      const k = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      if (k !== 'hosts') top[k] = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? pair.value;
    }
  }
  const hosts: Record<string, unknown> = {};
  for (const input of inputs) hosts[input.name] = entryFor(key, input, existingHost(old, input.name));
  const doc = new Document({ hosts, ...top });
  doc.commentBefore = HEADER;
  return doc.toString({ lineWidth: 0 });
}

/** Validates and writes the config (owner-only, atomically); on a mistake writes nothing and says what. */
export function saveHosts(path: string, key: Buffer, inputs: HostInput[], lang: Lang): SaveHostsResponse {
  const file = resolve(path);
  const text = hostsFileText(file, key, inputs);
  const missing = inputs.filter(
    (h) =>
      h.auth === 'password' &&
      (h.password ?? '') === '' &&
      !hostsView(file, key, lang).hosts.some((v) => v.name === h.name && v.hasPassword),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((h) => ({ path: `hosts.${h.name}.password`, message: t('请输入密码', 'enter the password')[lang] })),
    };
  }
  try {
    parseSiteHostsConfig(text, file, key);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const problems = err.issues.map((i) => ({ path: i.path, message: `${i.problem[lang]} (${i.fix[lang]})` }));
    return { ok: false, problems: problems.length > 0 ? problems : [{ path: '(file)', message: err.detail[lang] }] };
  }
  // Write beside the target and rename: a crash never leaves half a config the CLI would choke on.
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.k8s-labs.tmp`);
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
  return { ok: true, view: hostsView(file, key, lang) };
}
