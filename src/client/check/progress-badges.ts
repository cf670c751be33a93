import type { ProgressSummary } from './api-types.ts';

/**
 * The learner's best result on each lab card of the home page (a prerendered page: the numbers
 * come from GET /api/progress after load). Kept tiny: the home page's JavaScript budget is 4 KiB.
 */
export async function showProgressBadges(): Promise<void> {
  let data: ProgressSummary;
  try {
    const res = await fetch('/api/progress', { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) return;
    data = (await res.json()) as ProgressSummary;
  } catch {
    return;
  }
  const zh = !document.documentElement.lang.startsWith('en');
  for (const best of data.labs) {
    const card = document.querySelector(`[data-lab-id="${CSS.escape(best.lab)}"]`);
    if (!card || card.querySelector('[data-progress]')) continue;
    const badge = document.createElement('p');
    badge.dataset['progress'] = best.passed ? 'passed' : 'partial';
    badge.className = 'lab-progress';
    const score = `${best.score}/${best.maxScore}`;
    badge.textContent = best.passed ? (zh ? `✓ 已通过 ${score}` : `✓ Passed ${score}`) : zh ? `最好成绩 ${score}` : `Best ${score}`;
    card.append(badge);
  }
}
