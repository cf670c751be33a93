import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, parseDocument, type Document, type YAMLMap } from 'yaml';
import { ConfigError, parseHostsConfig, type HostsConfig } from '../../config/hosts-config.ts';
import { issue, type ConfigIssue } from '../../config/config-issues.ts';
import { t } from '../../shared/i18n.ts';
import { isSealed, openSecret, SecretOpenError } from '../secrets/secret-box.ts';

/**
 * `k8s-labs.yaml` as the site writes it: the CLI's format, except that secrets are stored sealed
 * (secret-box.ts) under `passwordEncrypted:` / `passphraseEncrypted:` instead of in clear under
 * `password:` / `passphrase:`. This module opens them in memory and hands the plain document to the
 * config module's own validator, so every rule and message of src/config applies unchanged.
 */

/** The sealed counterpart of each secret field of a host. */
export const SEALED_FIELDS = { password: 'passwordEncrypted', passphrase: 'passphraseEncrypted' } as const;
export type SecretField = keyof typeof SEALED_FIELDS;

/** The associated data a host's secret is sealed with: it opens only in that host's field. */
export function secretFieldPath(hostName: string, field: SecretField): string {
  return `hosts.${hostName}.${field}`;
}

/** No config file yet: the learner has not set up hosts (the check panel links to the setup page). */
export class NoHostsConfigError extends Error {
  override name = 'NoHostsConfigError';
  readonly path: string;
  constructor(path: string) {
    super(`No hosts config at ${path}`);
    this.path = path;
  }
}

/** Duplicate keys are mistakes, as in src/config (which also bounds alias expansion when it parses). */
const YAML_OPTIONS = { uniqueKeys: true } as const;

/** Loads and validates the config with its sealed secrets opened; throws NoHostsConfigError or ConfigError. */
export function loadSiteHostsConfig(path: string, key: Buffer): HostsConfig {
  const file = resolve(path);
  if (!existsSync(file)) throw new NoHostsConfigError(file);
  return parseSiteHostsConfig(readFileSync(file, 'utf8'), file, key);
}

export function parseSiteHostsConfig(text: string, path: string, key: Buffer): HostsConfig {
  const doc = parseDocument(text, YAML_OPTIONS);
  // Broken YAML: the config module explains it best.
  if (doc.errors.length > 0) return parseHostsConfig(text, path);
  const issues = openSealedSecrets(doc, key);
  if (issues.length > 0) throw new ConfigError(resolve(path), issues);
  return parseHostsConfig(doc.toString(), path);
}

/** Replaces each host's sealed fields by the opened value, in place; returns what could not be opened. */
export function openSealedSecrets(doc: Document, key: Buffer): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const hosts = doc.get('hosts');
  if (!isMap(hosts)) return issues;
  for (const pair of hosts.items) {
    const name = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    const host = pair.value;
    if (!isMap(host)) continue;
    for (const [field, sealedField] of Object.entries(SEALED_FIELDS) as [SecretField, string][]) {
      if (!host.has(sealedField)) continue;
      const at = `hosts.${name}.${sealedField}`;
      if (host.has(field)) {
        issues.push(
          issue(
            at,
            t(`同时给了 ${field} 和 ${sealedField}`, `gives both ${field} and ${sealedField}`),
            t(`删除其中一个；在主机设置页面重新输入即可`, `remove one of them; entering it again on the host setup page does that`),
          ),
        );
        continue;
      }
      const sealed = host.get(sealedField);
      if (!isSealed(sealed)) {
        issues.push(
          issue(
            at,
            t('不是加密后的值', 'is not an encrypted value'),
            t('在主机设置页面重新输入密码', 'enter the password again on the host setup page'),
          ),
        );
        continue;
      }
      try {
        setPlain(host, field, sealedField, openSecret(key, sealed, secretFieldPath(name, field)));
      } catch (err) {
        if (!(err instanceof SecretOpenError)) throw err;
        issues.push(
          issue(
            at,
            t(
              '无法用本机的密钥（数据目录中的 secret.key）解密：值被改动、从别的主机复制而来，或密钥已更换',
              'cannot be decrypted with this PC’s key (secret.key in the data folder): it was edited, copied from another host, or the key changed',
            ),
            t('在主机设置页面重新输入该密码', 'enter that password again on the host setup page'),
          ),
        );
      }
    }
  }
  return issues;
}

function setPlain(host: YAMLMap, field: SecretField, sealedField: string, value: string): void {
  host.delete(sealedField);
  host.set(field, value);
}
