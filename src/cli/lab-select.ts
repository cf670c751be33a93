import { normalizeLabId } from '../labs/catalog.ts';
import { t } from '../shared/i18n.ts';
import type { LabMeta } from '../shared/lab.ts';
import { closest } from './did-you-mean.ts';
import { usageError } from './errors.ts';

/**
 * Turns what the user typed (`lab-10`, `lab-1`, `10`, `q10`, `all`) into catalog labs, in course
 * order, without duplicates. An unknown id is a usage error that suggests the nearest lab.
 */
export function resolveLabs(targets: readonly string[], catalog: readonly LabMeta[]): LabMeta[] {
  if (targets.some((x) => x.trim().toLowerCase() === 'all')) return [...catalog];
  const wanted = new Set<string>();
  for (const target of targets) {
    const id = normalizeLabId(target);
    if (id === undefined || !catalog.some((l) => l.id === id)) throw unknownLab(target, id, catalog);
    wanted.add(id);
  }
  return catalog.filter((l) => wanted.has(l.id));
}

function unknownLab(target: string, id: string | undefined, catalog: readonly LabMeta[]) {
  const shown = JSON.stringify(target);
  const range = catalog.length > 0 ? `${catalog[0]?.id} … ${catalog[catalog.length - 1]?.id}` : '-';
  if (id !== undefined) {
    // A well-formed id whose lab folder is absent: say so rather than guess.
    return usageError(
      t(
        `实验 ${id} 不存在（labs/${id}/lab.yaml 未找到）。现有实验：${range}。`,
        `Lab ${id} does not exist (no labs/${id}/lab.yaml). The labs are ${range}.`,
      ),
    );
  }
  // A number out of range (lab-14, 0, q99) is not a typo: show the range instead of a guess.
  const near = /^(?:lab-?|q)?\d+$/i.test(target.trim()) ? [] : suggestLabs(target, catalog);
  const zh = near.length > 0 ? `是不是想输入 ${near.join('、')}？` : `实验编号形如 lab-10、10 或 q10，现有 ${range}。`;
  const en = near.length > 0 ? `Did you mean ${near.join(', ')}?` : `A lab id looks like lab-10, 10 or q10; the labs are ${range}.`;
  return usageError(
    t(
      `未知的实验 ${shown}。${zh}运行 \`npm run grade -- list\` 查看全部实验。`,
      `Unknown lab ${shown}. ${en} Run \`npm run grade -- list\` to see them all.`,
    ),
  );
}

/** The catalog ids (or `all`) nearest to a mistyped selector. */
export function suggestLabs(target: string, catalog: readonly LabMeta[]): string[] {
  // Letters typed for look-alike digits (lab-1o, q1O, lab-l2) are the likeliest typo of all.
  const m = /^(lab-?|q)?(.+)$/i.exec(target.trim());
  const lookalike = m ? normalizeLabId(`${m[1] ?? ''}${(m[2] ?? '').replace(/[oO]/g, '0').replace(/[lI|]/g, '1')}`) : undefined;
  if (lookalike && catalog.some((l) => l.id === lookalike)) return [lookalike];
  const candidates = new Map<string, string[]>([['all', ['all']]]);
  for (const lab of catalog) {
    const n = String(lab.order);
    candidates.set(lab.id, [lab.id, `lab-${n}`, `lab${n}`, n, `q${n}`]);
  }
  return closest(target, candidates);
}
