import type { Terminal } from '@xterm/xterm';
import type { Lang } from '../../shared/i18n.ts';
import { TerminalConnection } from './connection.ts';
import { clientText, pickLang, skipNotice, type Status } from './messages.ts';
import { createXterm, type XtermBundle } from './xterm-setup.ts';

/** Control characters other than none: a notice is plain text, whatever it quotes. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** One host's tab: an xterm.js terminal in a pane, wired to its connection. Created when first shown. */
export class TerminalTab {
  readonly host: string;
  readonly xterm: XtermBundle;
  readonly connection: TerminalConnection;
  status: Status = 'connecting';
  detail: string | undefined;

  constructor(
    host: string,
    pane: HTMLElement,
    lang: Lang,
    onStatus: (tab: TerminalTab) => void,
    opts: { webgl?: 'auto' | 'on' | 'off' } = {},
  ) {
    this.host = host;
    this.xterm = createXterm(pane, { ...opts, onRenderer: () => onStatus(this) });
    const term = this.xterm.term;
    this.connection = new TerminalConnection(host, lang, {
      write: (data, done) => term.write(data, done),
      notice: (text) => term.write(`\r\n\x1b[33m[${text.replace(CONTROL, ' ')}]\x1b[0m\r\n`),
      // Lands where the lines were left out, at the start of a line. Erasing below (ED) leaves the
      // screen as blank as the left-out lines would have when they scrolled; the kept lines after
      // it scroll the notice off the screen (server skip-ahead.ts). No SGR: a reset here would drop
      // colours the program had set.
      skipped: (lines, bytes) => term.write(skipNotice(pickLang(clientText.skipped(lines, (bytes / 1e6).toFixed(1)), lang))),
      size: () => ({ cols: term.cols, rows: term.rows }),
      status: (status, detail) => {
        this.status = status;
        this.detail = detail;
        onStatus(this);
      },
    });
    term.onData((d) => this.connection.input(d));
    term.onBinary((d) => this.connection.input(Uint8Array.from(d, (c) => c.charCodeAt(0) & 0xff)));
    term.onResize(({ cols, rows }) => this.connection.resize(cols, rows));
    term.attachCustomKeyEventHandler((e) => this.#clipboardKeys(e, term));
    let frame = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (pane.offsetParent !== null) this.xterm.fit.fit();
      });
    }).observe(pane);
    this.connection.start();
  }

  get term(): Terminal {
    return this.xterm.term;
  }

  /** Types a command and Enter into the shell, as if the learner had. */
  run(command: string): void {
    this.connection.input(`${command.replace(/\r?\n$/, '')}\r`);
    this.term.focus();
  }

  /** Ctrl+Shift+C / Ctrl+Shift+V copy and paste (Ctrl+C must stay an interrupt). */
  #clipboardKeys(e: KeyboardEvent, term: Terminal): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC' && term.hasSelection()) {
      void navigator.clipboard?.writeText(term.getSelection());
      return false;
    }
    if (e.code === 'KeyV') {
      void navigator.clipboard?.readText().then((text) => term.paste(text));
      return false;
    }
    return true;
  }
}
