import type { Page } from 'playwright-core';

/** Reading and driving the terminal page through `window.term` (the public test/benchmark hook). */
export async function bufferText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const term = window.term;
    if (!term) return '';
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

export async function waitForText(page: Page, pattern: RegExp, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  let text = '';
  while (Date.now() < deadline) {
    text = await bufferText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`terminal never showed ${pattern}; it shows:\n${text.trimEnd().split('\n').slice(-15).join('\n')}`);
}

/** Waits for a shell prompt on the cursor line. */
export async function waitForPrompt(page: Page, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await page.evaluate(() => {
      const term = window.term;
      const buf = term?.buffer.active;
      const line = buf?.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '';
      return /[#$] $/.test(line);
    });
    if (ok) return;
    await page.waitForTimeout(50);
  }
  const status = await page.textContent('[data-status-line]').catch(() => null);
  throw new Error(`no prompt within ${ms} ms; status line: ${status}; terminal shows:\n${await bufferText(page)}`);
}

let n = 0;
/** Types a command followed by an end marker built by the shell; returns the output lines between. */
export async function runCommand(page: Page, command: string, ms = 20_000): Promise<string> {
  const m = `END${Date.now().toString(36)}${n++}`;
  await page.keyboard.type(`${command}; echo "${m.slice(0, 3)}""${m.slice(3)}"\n`);
  const text = await waitForText(page, new RegExp(`^${m}$`, 'm'), ms);
  const lines = text.split('\n');
  const end = lines.findIndex((l) => l === m);
  const start = lines.slice(0, end).findLastIndex((l) => l.includes(`"${m.slice(3)}"`));
  return lines.slice(start + 1, end).join('\n');
}
