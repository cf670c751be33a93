import type { Lang } from '../../shared/i18n.ts';
import type { ApplyResponse, KubectlRun, YamlProblem } from '../check/api-types.ts';
import { callApi } from '../check/api-client.ts';
import { EDITOR_TEXT } from './editor-text.ts';
import type { MountedEditor } from './monaco-setup.ts';

/**
 * The YAML editor's light part (in the page's initial JavaScript): a plain <textarea> works at
 * once; Monaco (monaco-setup.ts, megabytes) is imported only when the editor first becomes visible
 * on screen, and then replaces the textarea. "Dry run" and "Apply to my cluster" post the text to
 * /api/apply and show the server's checks or kubectl's answer, as text.
 */

interface Parts {
  root: HTMLElement;
  source: HTMLTextAreaElement;
  box: HTMLElement;
  dry: HTMLButtonElement;
  apply: HTMLButtonElement;
  state: HTMLElement;
  problems: HTMLElement;
  output: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function mount(p: Parts): void {
  const lang: Lang = p.root.dataset['lang'] === 'en' ? 'en' : 'zh';
  let editor: MountedEditor | undefined;
  let loading: Promise<void> | undefined;

  const value = () => editor?.getValue() ?? p.source.value;
  const reveal = (line: number, column: number) => {
    if (editor) editor.reveal(line, column);
    else focusTextarea(p.source, line, column);
  };

  const problemList = (items: { line: number; column: number; message: string }[]) => {
    const list = el('ul', 'problem-list');
    for (const item of items) {
      const li = el('li');
      const jump = el('button', 'jump', EDITOR_TEXT.lineCol(item.line, item.column)[lang]);
      jump.type = 'button';
      jump.addEventListener('click', () => reveal(item.line, item.column));
      li.append(jump, el('span', undefined, item.message));
      list.append(li);
    }
    return list;
  };

  const load = () => {
    loading ??= (async () => {
      p.root.dataset['editor'] = 'loading';
      try {
        const { createYamlEditor } = await import('./monaco-setup.ts');
        p.box.hidden = false;
        editor = createYamlEditor(p.box, p.source.value, p.source.getAttribute('aria-label') ?? 'YAML', (markers) => {
          p.root.dataset['markers'] = String(markers.length);
          p.problems.replaceChildren(...(markers.length ? [problemList(markers)] : []));
        });
        p.source.hidden = true;
        p.root.dataset['editor'] = 'monaco';
      } catch (err) {
        console.warn('monaco failed to load', err);
        p.box.hidden = true;
        p.root.dataset['editor'] = 'textarea';
        p.state.textContent = EDITOR_TEXT.loadFailed[lang];
      }
    })();
    return loading;
  };

  // Load when the pane is on screen: a hidden tab has no box, so this waits until it is opened.
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      seen.disconnect();
      void load();
    }
  });
  seen.observe(p.root);
  p.source.addEventListener('focus', () => void load(), { once: true });

  const run = async (dryRunOnly: boolean) => {
    p.dry.disabled = p.apply.disabled = true;
    p.output.replaceChildren();
    p.state.textContent = EDITOR_TEXT.running[lang];
    const reply = await callApi<ApplyResponse>('POST', '/api/apply', { lang, yaml: value(), dryRunOnly });
    p.dry.disabled = p.apply.disabled = false;
    p.state.textContent = '';
    if (!reply) return p.output.replaceChildren(el('p', 'error', EDITOR_TEXT.network[lang]));
    show(reply.data);
  };

  const show = (res: ApplyResponse) => {
    p.root.dataset['result'] = res.state;
    if (res.state === 'invalid') {
      p.output.replaceChildren(
        el('p', 'error', EDITOR_TEXT.invalid(res.problems.length)[lang]),
        problemList(res.problems as YamlProblem[]),
      );
    } else if (res.state === 'ran') {
      const parts: HTMLElement[] = [];
      const ok = res.dryRun.exitCode === 0;
      parts.push(...kubectlBlock((ok ? EDITOR_TEXT.dryRunOk : EDITOR_TEXT.dryRunFailed)[lang], res.dryRun, lang, ok));
      if (res.apply)
        parts.push(
          ...kubectlBlock(
            (res.apply.exitCode === 0 ? EDITOR_TEXT.applied : EDITOR_TEXT.applyFailed)[lang],
            res.apply,
            lang,
            res.apply.exitCode === 0,
          ),
        );
      p.output.replaceChildren(...parts);
    } else if (res.state === 'no-hosts' || res.state === 'config-invalid') {
      const a = el('a', undefined, EDITOR_TEXT.setup[lang]);
      a.href = res.setupPath;
      p.output.replaceChildren(el(res.state === 'config-invalid' ? 'pre' : 'p', 'error', res.message), a);
    } else if (res.state === 'not-connected') {
      p.output.replaceChildren(el('p', 'error', `${res.failure.host}: ${res.failure.message}`));
    } else {
      p.output.replaceChildren(el('p', 'error', res.message));
    }
  };

  p.dry.addEventListener('click', () => void run(true));
  p.apply.addEventListener('click', () => void run(false));
}

function kubectlBlock(title: string, run: KubectlRun, lang: Lang, ok: boolean): HTMLElement[] {
  const head = el('p', ok ? 'ok' : 'error', `${title} (${run.command})`);
  const text = [run.stdout, run.stderr].filter((s) => s.trim() !== '').join('\n') + (run.timedOut ? `\n${EDITOR_TEXT.timedOut[lang]}` : '');
  const pre = el('pre', 'kubectl', text.trim() || `exit ${run.exitCode ?? '?'}`);
  pre.dataset['exit'] = String(run.exitCode);
  return [head, pre];
}

/** Puts the caret of the plain textarea at a line and column (before Monaco loads, or without it). */
function focusTextarea(area: HTMLTextAreaElement, line: number, column: number): void {
  const lines = area.value.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  area.focus();
  area.setSelectionRange(offset, offset);
}

export function mountYamlEditors(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-yaml-editor]')) {
    if (root.dataset['mounted']) continue;
    root.dataset['mounted'] = 'true';
    const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel);
    const parts = {
      root,
      source: q<HTMLTextAreaElement>('[data-editor-source]'),
      box: q('[data-editor-monaco]'),
      dry: q<HTMLButtonElement>('[data-editor-dry]'),
      apply: q<HTMLButtonElement>('[data-editor-apply]'),
      state: q('[data-editor-state]'),
      problems: q('[data-editor-problems]'),
      output: q('[data-editor-output]'),
    };
    if (Object.values(parts).every((v) => v !== null)) mount(parts as Parts);
  }
}
