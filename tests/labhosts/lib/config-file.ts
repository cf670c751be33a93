import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/**
 * Writes a k8s-labs.yaml for the testbed (format of /work/notes/collect-api.md: hosts with
 * role, host, port, user, key or password, pinned host key). The private key is copied beside
 * the file and referenced relative to it, as the format asks. `overrides` are merged into the
 * document; a null value deletes the key, e.g.
 *   { hosts: { master: { privateKey: null, password: 'wrong' } } }
 */

export interface ConfigHost {
  name: string;
  role: 'master' | 'worker';
  host: string;
  hostKeyFingerprint: string;
}

type Doc = Record<string, unknown>;

function merge(base: Doc, over: Doc): Doc {
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object')
      out[k] = merge(out[k] as Doc, v as Doc);
    else out[k] = v;
  }
  return out;
}

export function writeConfigFile(dir: string, hosts: ConfigHost[], user: string, privateKeyPath: string, overrides: object = {}): string {
  mkdirSync(dir, { recursive: true });
  const keyName = 'labuser_ed25519';
  copyFileSync(privateKeyPath, `${dir}/${keyName}`);
  chmodSync(`${dir}/${keyName}`, 0o600);
  const doc: Doc = {
    hosts: Object.fromEntries(
      hosts.map((h) => [h.name, { role: h.role, host: h.host, port: 22, user, privateKey: `./${keyName}`, hostKey: h.hostKeyFingerprint }]),
    ),
  };
  const path = `${dir}/k8s-labs.yaml`;
  const header = '# The k8s-labs namespace testbed (tests/labhosts): real sshd on the two "VMs" of the answer sheet.\n';
  writeFileSync(path, header + stringify(merge(doc, overrides as Doc)), { mode: 0o600 });
  return path;
}
