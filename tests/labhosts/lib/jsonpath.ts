/**
 * kubectl's `-o jsonpath=…` (client-go util/jsonpath, with kubectl's AllowMissingKeys(true)) for
 * the subset of the language the testbed's fake kubectl is asked: literal text, `{"…"}`,
 * `{range <path>}…{end}`, and paths of `.field`, `['field']`, `[*]` and `[N]` from `.`/`$`.
 * Semantics follow client-go: a missing field yields no result (prints nothing), the results of
 * one action are joined with spaces, maps and lists print as compact JSON, strings raw.
 * Anything outside the subset throws TemplateUnsupported, so a new query fails loudly when the
 * testbed comes up instead of being answered wrongly.
 */
import { goMarshal } from './kube-json.ts';
import { TemplateExecError, TemplateUnsupported, goFloat } from './template-values.ts';

type Seg = { field: string } | { index: number } | { all: true };
type Node = { text: string } | { path: Seg[] } | { range: Seg[]; body: Node[] };

/** Splits `a{b}c` into text and actions; quotes inside an action may hold braces. */
function lex(tpl: string): { text?: string; action?: string }[] {
  const out: { text?: string; action?: string }[] = [];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      out.push({ text: tpl.slice(i) });
      break;
    }
    if (open > i) out.push({ text: tpl.slice(i, open) });
    let j = open + 1;
    let quote = false;
    for (; j < tpl.length; j++) {
      const c = tpl[j];
      if (quote && c === '\\') j++;
      else if (c === '"') quote = !quote;
      else if (c === '}' && !quote) break;
    }
    if (j >= tpl.length) throw new TemplateUnsupported(`unclosed action in jsonpath template: ${tpl}`);
    out.push({ action: tpl.slice(open + 1, j).trim() });
    i = j + 1;
  }
  return out;
}

/** `$`, `@` and `.` all start from the current value: client-go runs a range's body with the item as its data. */
function parsePath(src: string): Seg[] {
  let s = src;
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  const segs: Seg[] = [];
  while (s.length > 0) {
    let m: RegExpMatchArray | null;
    if ((m = s.match(/^\.([A-Za-z0-9_-]+)/))) segs.push({ field: m[1] as string });
    else if ((m = s.match(/^\[\*\]/))) segs.push({ all: true });
    else if ((m = s.match(/^\[(\d+)\]/))) segs.push({ index: Number(m[1]) });
    else if ((m = s.match(/^\['([^']*)'\]/))) segs.push({ field: m[1] as string });
    else if (s === '.') break;
    else throw new TemplateUnsupported(`jsonpath expression outside the testbed's subset: {${src}}`);
    s = s.slice(m[0].length);
  }
  return segs;
}

function parse(tpl: string): Node[] {
  const stack: Node[][] = [[]];
  const ranges: { range: Seg[]; body: Node[] }[] = [];
  for (const tok of lex(tpl)) {
    const cur = stack[stack.length - 1] as Node[];
    const a = tok.action;
    if (a === undefined) cur.push({ text: tok.text ?? '' });
    else if (a.startsWith('"')) {
      try {
        cur.push({ text: JSON.parse(a) as string });
      } catch {
        throw new TemplateUnsupported(`jsonpath literal outside the testbed's subset: {${a}}`);
      }
    } else if (a === 'end') {
      if (!ranges.pop()) throw new TemplateExecError('not in range, nothing to end');
      stack.pop();
    } else if (a.startsWith('range ')) {
      const node = { range: parsePath(a.slice(6).trim()), body: [] as Node[] };
      cur.push(node);
      ranges.push(node);
      stack.push(node.body);
    } else cur.push({ path: parsePath(a) });
  }
  if (ranges.length > 0) throw new TemplateUnsupported(`jsonpath template with a {range} but no {end}: ${tpl}`);
  return stack[0] as Node[];
}

function walk(path: Seg[], dot: unknown): unknown[] {
  let values: unknown[] = [dot];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const v of values) {
      if (v === null || v === undefined) continue; // client-go skips nil values
      if ('field' in seg) {
        if (typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, seg.field)) next.push((v as Record<string, unknown>)[seg.field]);
        continue;
      }
      if (!Array.isArray(v))
        throw new TemplateExecError(`${typeof v === 'object' ? 'map[string]interface {}' : typeof v} is not array or slice`);
      if ('all' in seg) next.push(...v);
      else if (seg.index < v.length) next.push(v[seg.index]);
      else throw new TemplateExecError(`array index out of bounds: index ${seg.index}, length ${v.length}`);
    }
    values = next;
  }
  return values;
}

function text(v: unknown): string {
  if (v === null) return '<nil>';
  if (typeof v === 'object') return goMarshal(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

function run(nodes: Node[], dot: unknown): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('path' in n) out += walk(n.path, dot).map(text).join(' ');
    else for (const item of walk(n.range, dot)) out += run(n.body, item);
  }
  return out;
}

/** What `kubectl get … -o 'jsonpath=<tpl>'` prints for obj (an object or a List). */
export function jsonpath(tpl: string, obj: unknown): string {
  return run(parse(tpl), obj);
}
