// Entry point of `npm run grade` (docs/cli.md). Thin: wires the process to main() and sets the exit code.
import { main } from './main.ts';

const controller = new AbortController();
// The first Ctrl-C stops collection cleanly (connections closed, exit 130); `once` lets a second one kill.
process.once('SIGINT', () => controller.abort());
// A closed pipe (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
