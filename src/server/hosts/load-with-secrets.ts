import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { ConfigError, loadHostsConfig, type HostsConfig } from '../../config/hosts-config.ts';
import { issue } from '../../config/config-issues.ts';
import { t } from '../../shared/i18n.ts';
import { DATA_FILES, dataDirFromEnv } from '../db/data-dir.ts';
import { KEY_BYTES } from '../secrets/secret-key.ts';
import { parseSiteHostsConfig, SEALED_FIELDS } from './site-hosts-config.ts';

/**
 * A drop-in for `loadHostsConfig(path)` in every program that reads k8s-labs.yaml (the CLI, the
 * terminal): the same result and errors, and sealed secrets written by the host setup page are
 * opened with the key in the data folder (`K8S_LABS_DATA`, else `data/` under `cwd`). It never
 * creates a key: a config without sealed fields does not need one, and a missing key is a
 * ConfigError that says what to do.
 */
export function loadHostsConfigWithSecrets(path: string, env: Record<string, string | undefined>, cwd: string): HostsConfig {
  const file = resolve(path);
  if (!existsSync(file)) return loadHostsConfig(file);
  const text = readFileSync(file, 'utf8');
  if (!hasSealedFields(text)) return loadHostsConfig(file);
  const keyPath = join(dataDirFromEnv(env, cwd), DATA_FILES.secretKey);
  let key: Buffer;
  try {
    key = readFileSync(keyPath);
  } catch {
    key = Buffer.alloc(0);
  }
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(file, [
      issue(
        'hosts',
        t(
          `有加密保存的密码，但找不到解密密钥 ${keyPath}`,
          `holds encrypted passwords, but the key to open them, ${keyPath}, is missing or damaged`,
        ),
        t(
          '在网站启动的文件夹中运行（或设置 K8S_LABS_DATA 指向其 data 文件夹），或在主机设置页面重新输入密码',
          'run from the folder the site runs in (or set K8S_LABS_DATA to its data folder), or enter the passwords again on the host setup page',
        ),
      ),
    ]);
  }
  return parseSiteHostsConfig(text, file, key);
}

function hasSealedFields(text: string): boolean {
  const hosts = parseDocument(text, { uniqueKeys: true }).get('hosts');
  if (!isMap(hosts)) return false;
  return hosts.items.some(
    (pair) => isMap(pair.value) && Object.values(SEALED_FIELDS).some((f) => (pair.value as { has(k: string): boolean }).has(f)),
  );
}
