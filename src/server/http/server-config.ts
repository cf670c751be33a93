import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The project's build output, `dist/` beside `src/`. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** The web server's settings, read once at start-up from the environment. */
export const ServerConfig = z.strictObject({
  /** Interface to bind. Loopback by default: the learner's site holds VM credentials. */
  host: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one (tests). */
  port: z.coerce.number().int().min(0).max(65535).default(4321),
  /** Astro's build output (`dist/`), holding `server/entry.mjs` and `client/`. */
  distDir: z.string().min(1).default(DEFAULT_DIST_DIR),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export class ServerConfigError extends Error {
  override name = 'ServerConfigError';
}

/** Validates `HOST`, `PORT` and `K8S_LABS_DIST` (empty counts as unset); throws a message that names the variable. */
export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const pick = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const parsed = ServerConfig.safeParse({ host: pick('HOST'), port: pick('PORT'), distDir: pick('K8S_LABS_DIST') });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = { host: 'HOST', port: 'PORT', distDir: 'K8S_LABS_DIST' }[String(issue?.path[0])] ?? 'the environment';
  throw new ServerConfigError(`${variable} is invalid: ${issue?.message}. Example: HOST=127.0.0.1 PORT=4321 npm start`);
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
