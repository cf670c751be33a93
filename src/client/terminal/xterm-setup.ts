import { Terminal, type ITerminalOptions } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';

/**
 * Builds one xterm.js 6 terminal with its addons. Everything the remote prints is hostile input
 * (a learner is root on the VM and anything can print there), so: no window-title reports or
 * window manipulation (`windowOptions` all off, the default, stated here on purpose), OSC 52
 * clipboard writes swallowed, links opened only for http/https and never with an opener.
 */
export interface XtermBundle {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** 'webgl' or 'dom' (WebGL unavailable or its context was lost). */
  renderer: () => 'webgl' | 'dom';
  dispose(): void;
}

export function isWebUrl(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function openWebLink(uri: string): void {
  if (!isWebUrl(uri)) return;
  const w = window.open(uri, '_blank', 'noopener,noreferrer');
  if (w) w.opener = null;
}

const OPTIONS: ITerminalOptions = {
  // Unicode 11 widths (CJK, emoji) are an "experimental" API in xterm.js.
  allowProposedApi: true,
  // A steady cursor: a blinking one is a CSS animation that never stops, so Chromium produces
  // frames continuously and an echo waits a frame longer to be painted (measured: painted echo
  // p50 15.4 ms blinking, 5.7 ms steady; docs/terminal.md). It also costs CPU while idle.
  cursorBlink: false,
  fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", Menlo, Consolas, monospace',
  fontSize: 14,
  scrollback: 5000,
  windowOptions: {},
  // OSC 8 hyperlinks: the visible text may hide the target, so ask first; never non-http schemes.
  linkHandler: {
    allowNonHttpProtocols: false,
    activate: (_e, uri) => {
      if (isWebUrl(uri) && window.confirm(`Open / 打开 ${uri} ?`)) openWebLink(uri);
    },
  },
  theme: { background: '#1e1e1e', foreground: '#d4d4d4' },
};

/**
 * WebGL only pays off on a GPU. A software rasterizer (SwiftShader, llvmpipe: a VM or a machine
 * without a GPU driver) spends the CPU that xterm.js needs for parsing, so the DOM renderer is
 * faster there; we measured it (docs/terminal.md).
 */
export function hardwareWebgl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|softpipe|software/i.test(name);
  } catch {
    return false;
  }
}

/**
 * `webgl`: 'auto' (hardware WebGL only), 'on' (any WebGL2), 'off' (DOM renderer). The WebGL addon
 * (36 KB gzipped) is fetched only when it will be used, after the terminal is up with the DOM
 * renderer; `onRenderer` hears when the renderer changes.
 */
export function createXterm(
  container: HTMLElement,
  opts: { webgl?: 'auto' | 'on' | 'off'; onRenderer?: (renderer: 'webgl' | 'dom') => void } = {},
): XtermBundle {
  const term = new Terminal(OPTIONS);
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new WebLinksAddon((_e, uri) => openWebLink(uri)));
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  // Swallow OSC 52 (clipboard): a program on the VM must not be able to fill the learner's clipboard.
  term.parser.registerOscHandler(52, () => true);
  term.open(container);
  let renderer: 'webgl' | 'dom' = 'dom';
  let disposed = false;
  const switchTo = (r: 'webgl' | 'dom') => {
    renderer = r;
    opts.onRenderer?.(r);
  };
  const mode = opts.webgl ?? 'auto';
  if (mode === 'on' || (mode === 'auto' && hardwareWebgl())) {
    void import('@xterm/addon-webgl')
      .then(({ WebglAddon }) => {
        if (disposed) return;
        const webgl = new WebglAddon();
        webgl.onContextLoss(() => {
          webgl.dispose(); // back to the DOM renderer
          switchTo('dom');
        });
        term.loadAddon(webgl);
        switchTo('webgl');
      })
      .catch(() => undefined); // no WebGL2 here (or the chunk did not load): the DOM renderer stays
  }
  fit.fit();
  return {
    term,
    fit,
    search,
    renderer: () => renderer,
    dispose: () => {
      disposed = true;
      term.dispose();
    },
  };
}
