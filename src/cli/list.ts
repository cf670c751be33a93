import { plainText } from '../grading/reporters/text-safety.ts';
import { pick, t, type Lang } from '../shared/i18n.ts';
import type { LabMeta } from '../shared/lab.ts';

/** `npm run grade -- list`: one line per lab, in the chosen language. */
export function renderLabList(labs: readonly LabMeta[], lang: Lang): string {
  const lines = labs.map(
    (lab) => `${lab.id}  Q${lab.order}  ${plainText(lab.title[lang])}  ${pick(t(`（${lab.points} 分）`, `(${lab.points} points)`), lang)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `list --json`: the labs as data. */
export function labListJson(labs: readonly LabMeta[], lang: Lang): string {
  const rows = labs.map((lab) => ({
    id: lab.id,
    question: lab.order,
    title: lab.title[lang],
    summary: lab.summary[lang],
    points: lab.points,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
