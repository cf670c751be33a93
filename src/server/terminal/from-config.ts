import type { HostEntry, HostsConfig } from '../../config/hosts-config.ts';
import { connectSsh } from '../../ssh/ssh-connect.ts';
import type { TerminalServerDeps } from './attach.ts';
import { terminalOptionsFromEnv } from './options.ts';
import { createWarmPool } from './prewarm.ts';
import { createSshShellOpener } from './ssh-shell.ts';

/**
 * The production wiring: the hosts of `k8s-labs.yaml` and the project's SSH module (host keys
 * pinned or trust-on-first-use in the known-hosts file, exactly as for grading). Environment:
 * PUBLIC_ORIGIN (comma-separated origins when the site is not reached on a loopback address) and
 * the TERMINAL_* limits of options.ts. Called once at start-up.
 */
export function terminalDepsFromConfig(config: HostsConfig, env: Record<string, string | undefined>): TerminalServerDeps<HostEntry> {
  const origins = parseOrigins(env['PUBLIC_ORIGIN']);
  const pool = createWarmPool((host: HostEntry) =>
    connectSsh(host, { knownHostsPath: config.knownHostsPath, readyTimeoutMs: config.connectTimeoutMs }),
  );
  return {
    hosts: config.hosts,
    openShell: createSshShellOpener(pool.connect),
    warmPool: pool,
    options: terminalOptionsFromEnv(env),
    ...(origins ? { origins } : {}),
  };
}

/** `https://labs.example.edu, http://127.0.0.1:4321` → exact origins; a malformed entry is an error. */
export function parseOrigins(raw: string | undefined): string[] | undefined {
  if (!raw || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => {
    const u = new URL(s.trim());
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== s.trim().replace(/\/$/, '')) {
      throw new Error(
        `PUBLIC_ORIGIN: ${JSON.stringify(s.trim())} is not an origin like https://labs.example.edu (scheme, host, optional port; no path)`,
      );
    }
    return u.origin;
  });
}
