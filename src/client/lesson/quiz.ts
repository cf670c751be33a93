import type { QuizCheckError, QuizCheckRequest, QuizCheckResponse } from '../../lessons/quiz-wire.ts';

/**
 * Quiz forms (Quiz.astro): sends the answer to POST /api/quiz/check as JSON (the Content-Type is
 * what makes a cross-site page unable to send it without a CORS preflight, see SECURITY.md W2) and
 * shows the verdict and the explanation. The page never knows the key.
 */

const ENDPOINT = '/api/quiz/check';
type Lang = 'zh' | 'en';

function answerOf(form: HTMLFormElement): string | string[] | undefined {
  const kind = form.dataset['kind'];
  if (kind === 'single') return form.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value;
  if (kind === 'multiple') {
    const ids = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((i) => i.value);
    return ids.length > 0 ? ids : undefined;
  }
  const text = form.querySelector<HTMLInputElement>('input[type=text]')?.value.trim();
  return text ? text : undefined;
}

function show(form: HTMLFormElement, verdict: string, text: string, explanation?: string): void {
  const result = form.querySelector<HTMLElement>('[data-result]');
  const box = form.querySelector<HTMLElement>('[data-explanation]');
  form.dataset['state'] = verdict;
  if (result) {
    result.dataset['verdict'] = verdict;
    result.textContent = text;
  }
  if (box) {
    box.textContent = explanation ?? '';
    box.hidden = !explanation;
  }
}

async function check(form: HTMLFormElement): Promise<void> {
  const lang: Lang = form.dataset['lang'] === 'en' ? 'en' : 'zh';
  const answer = answerOf(form);
  if (answer === undefined) return show(form, 'error', form.dataset['choose'] ?? '');
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  const body: QuizCheckRequest = { lab: form.dataset['lab'] ?? '', question: form.dataset['question'] ?? '', answer };
  if (button) button.disabled = true;
  show(form, 'checking', form.dataset['checking'] ?? '');
  try {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    const data = (await response.json()) as QuizCheckResponse | QuizCheckError;
    if ('error' in data) return show(form, 'error', data.error[lang]);
    const headline =
      data.verdict === 'right' ? form.dataset['right'] : data.verdict === 'wrong' ? form.dataset['wrong'] : data.message?.[lang];
    show(form, data.verdict, headline ?? '', data.explanation?.[lang]);
  } catch {
    show(form, 'error', form.dataset['offline'] ?? '');
  } finally {
    if (button) button.disabled = false;
  }
}

let enhanced = false;

export function enhanceQuizzes(): void {
  if (enhanced) return;
  enhanced = true;
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-quiz')) return;
    event.preventDefault();
    void check(form);
  });
}
