import { resolve } from 'node:path';

/**
 * Where the site keeps its state: the SQLite database and the secret key. `K8S_LABS_DATA` when set,
 * else `data/` in the folder the server was started from (`npm start` runs in the project root;
 * the CLI resolves it the same way, so both find one key).
 */
export function dataDirFromEnv(env: Record<string, string | undefined>, cwd: string): string {
  const chosen = env['K8S_LABS_DATA'];
  return resolve(cwd, chosen && chosen.trim() !== '' ? chosen : 'data');
}

/** File names inside the data folder. */
export const DATA_FILES = {
  database: 'progress.sqlite',
  secretKey: 'secret.key',
} as const;
