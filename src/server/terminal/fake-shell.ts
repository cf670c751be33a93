import type { PtySize, ShellHandle, ShellOpener, TerminalHost } from './types.ts';

/** A ShellHandle driven by the test: records input, sizes, pauses; emits output on demand. */
export class FakeShell implements ShellHandle {
  readonly input: Buffer[] = [];
  readonly sizes: PtySize[] = [];
  paused = false;
  pauses = 0;
  closed = false;
  #data: ((c: Uint8Array) => void)[] = [];
  #exit: ((code: number | null, signal: string | null) => void)[] = [];

  constructor(size: PtySize) {
    this.sizes.push(size);
  }
  onData(l: (c: Uint8Array) => void) {
    this.#data.push(l);
  }
  onExit(l: (code: number | null, signal: string | null) => void) {
    this.#exit.push(l);
  }
  write(bytes: Uint8Array) {
    this.input.push(Buffer.from(bytes));
  }
  resize(cols: number, rows: number) {
    this.sizes.push({ cols, rows });
  }
  pause() {
    this.paused = true;
    this.pauses++;
  }
  resume() {
    this.paused = false;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.#exit) l(null, null);
  }
  emit(text: string | Uint8Array) {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    for (const l of this.#data) l(bytes);
  }
  exit(code: number) {
    this.closed = true;
    for (const l of this.#exit) l(code, null);
  }
  get typed(): string {
    return Buffer.concat(this.input).toString('utf8');
  }
}

/** An opener that records every call (the "no SSH connection was attempted" spy). */
export function fakeOpener(): ShellOpener & { calls: { host: TerminalHost; size: PtySize }[]; shells: FakeShell[] } {
  const calls: { host: TerminalHost; size: PtySize }[] = [];
  const shells: FakeShell[] = [];
  const open = async (host: TerminalHost, size: PtySize) => {
    calls.push({ host, size });
    const s = new FakeShell(size);
    shells.push(s);
    return s;
  };
  return Object.assign(open, { calls, shells });
}
