import { announce } from './announce.ts';
import { openTool } from './tool-events.ts';

/**
 * Copy and "Run in terminal" on lesson code blocks (CodeBlock.astro), by event delegation: one
 * listener for the whole page, whatever the number of blocks.
 *
 * "Run in terminal" calls the terminal's page API (`window.k8sLabsTerminal.run(command, host)`,
 * src/client/terminal/mount.ts). The button stays hidden unless that API exists and the terminal
 * shows a tab for the block's host (`master`/`worker` is a role; tabs are named by host name).
 */

interface TerminalApi {
  run(command: string, host?: string): void;
}

const FEEDBACK_MS = 1600;

/** The text of the block's code, exactly as the learner sees it. */
function codeOf(block: Element): string {
  return block.querySelector('pre')?.textContent?.replace(/\n$/, '') ?? '';
}

/** The terminal tab (host name) for a role, or undefined when the page has none. */
export function terminalHostFor(role: string): string | undefined {
  const tabs = [...document.querySelectorAll<HTMLElement>('[data-terminal] [data-tab]')];
  const byRole =
    tabs.find((b) => b.dataset['role'] === role) ?? tabs.find((b) => b.title === role) ?? tabs.find((b) => b.dataset['tab'] === role);
  return byRole?.dataset['tab'];
}

function terminalApi(): TerminalApi | undefined {
  const api = (window as { k8sLabsTerminal?: unknown }).k8sLabsTerminal;
  return api && typeof (api as TerminalApi).run === 'function' ? (api as TerminalApi) : undefined;
}

function feedback(button: HTMLButtonElement, text: string | undefined): void {
  if (!text) return;
  const label = button.dataset['label'] ?? button.textContent ?? '';
  button.dataset['label'] = label;
  button.dataset['state'] = 'done';
  button.textContent = text;
  announce(text);
  setTimeout(() => {
    button.textContent = label;
    delete button.dataset['state'];
  }, FEEDBACK_MS);
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const block = button.closest('[data-code-block]');
  if (!block) return;
  try {
    await navigator.clipboard.writeText(codeOf(block));
    feedback(button, button.dataset['done']);
  } catch {
    // No clipboard permission (or an insecure context): select the code so Ctrl+C works.
    const pre = block.querySelector('pre');
    if (pre) getSelection()?.selectAllChildren(pre);
    feedback(button, button.dataset['failed']);
  }
}

function run(button: HTMLButtonElement): void {
  const block = button.closest('[data-code-block]');
  const role = button.dataset['run'] ?? '';
  const host = terminalHostFor(role);
  const api = terminalApi();
  if (!block || !host || !api) return;
  openTool('terminal');
  api.run(codeOf(block), host);
  feedback(button, button.dataset['done']);
}

/** Shows "Run in terminal" where the terminal can take it. */
function revealRunButtons(): void {
  if (!terminalApi()) return;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-run]')) {
    button.hidden = terminalHostFor(button.dataset['run'] ?? '') === undefined;
  }
}

let enhanced = false;

export function enhanceCodeBlocks(): void {
  if (enhanced) return;
  enhanced = true;
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button[data-copy], button[data-run]');
    if (!(button instanceof HTMLButtonElement)) return;
    if (button.hasAttribute('data-copy')) void copy(button);
    else run(button);
  });
  // Module scripts run in document order and the terminal's comes after this one (it is in the tools
  // pane): look again once every module has run (DOMContentLoaded fires after deferred modules) and
  // at load, in case this script itself ran late.
  revealRunButtons();
  document.addEventListener('DOMContentLoaded', revealRunButtons, { once: true });
  window.addEventListener('load', revealRunButtons, { once: true });
}
