import { ConfigError } from '../../config/hosts-config.ts';
import type { Lang } from '../../shared/i18n.ts';
import type { HostInput, TestConnectionResponse } from '../../client/check/api-types.ts';
import { hostsFileText } from './hosts-form.ts';
import { parseSiteHostsConfig } from './site-hosts-config.ts';
import { testConnection, type Connect } from './test-connection.ts';

/**
 * Tests one host as typed in the form, before (or without) saving: the form is turned into a
 * config exactly as saving would (a blank password means the saved one), validated by the config
 * module, and used to connect, with host keys checked against the config's known-hosts file.
 */
export async function testHostFromForm(
  configPath: string,
  key: Buffer,
  input: HostInput,
  lang: Lang,
  connect?: Connect,
): Promise<TestConnectionResponse> {
  // The config module wants one master; the role does not change how a host is reached.
  const text = hostsFileText(configPath, key, [{ ...input, role: 'master' }]);
  let config;
  try {
    config = parseSiteHostsConfig(text, configPath, key);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return {
      ok: false,
      kind: 'config',
      message: err.issues.map((i) => `${i.path}: ${i.problem[lang]} (${i.fix[lang]})`).join('\n') || err.detail[lang],
    };
  }
  const host = config.hosts[0];
  if (!host) return { ok: false, kind: 'config', message: 'no host' };
  return testConnection(host, {
    knownHostsPath: config.knownHostsPath,
    readyTimeoutMs: config.connectTimeoutMs,
    lang,
    ...(connect ? { connect } : {}),
  });
}
