/**
 * kubectl's `-o go-template=…` (Go text/template on the object decoded from JSON into
 * interface{}, option missingkey=default) for the subset the testbed's fake kubectl is asked:
 * text, `{{.a.b}}`, `{{$v.a}}`, `{{"…"}}`, `{{if …}}…{{else if …}}…{{else}}…{{end}}`,
 * `{{range [$k, ]$v := …}}` / `{{range …}}` with `{{else}}`, trim markers and comments.
 * Semantics follow text/template: a missing key prints `<no value>`, `if` treats empty and zero
 * values as false, ranges over maps go in key order, numbers are float64. Functions, pipelines and
 * the other actions throw TemplateUnsupported (a new query then fails loudly at `up`).
 */
import { TemplateExecError, TemplateUnsupported, goFloat, goSprint } from './template-values.ts';

type Expr = { lit: string } | { from: string; fields: string[] };
interface IfNode {
  if: Expr;
  then: GNode[];
  else: GNode[];
}
interface RangeNode {
  range: Expr;
  vars: string[];
  then: GNode[];
  else: GNode[];
}
type GNode = { text: string } | { out: Expr } | IfNode | RangeNode;
type Vars = Map<string, unknown>;

function lex(tpl: string): { text?: string; action?: string }[] {
  const out: { text?: string; action?: string }[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= tpl.length) {
    const open = tpl.indexOf('{{', i);
    let text = tpl.slice(i, open < 0 ? tpl.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      out.push({ text });
      break;
    }
    const trimLeft = tpl[open + 2] === '-' && /\s/.test(tpl[open + 3] ?? '');
    out.push({ text: trimLeft ? text.replace(/\s+$/, '') : text });
    let j = open + (trimLeft ? 3 : 2);
    let quote = '';
    for (; j < tpl.length - 1; j++) {
      const c = tpl[j];
      if (quote === '"' && c === '\\') j++;
      else if (quote && c === quote) quote = '';
      else if (!quote && (c === '"' || c === '`')) quote = c;
      else if (!quote && c === '}' && tpl[j + 1] === '}') break;
    }
    if (j >= tpl.length - 1) throw new TemplateUnsupported(`unclosed action in go-template: ${tpl}`);
    trimNext = tpl[j - 1] === '-' && /\s/.test(tpl[j - 2] ?? '');
    out.push({ action: tpl.slice(open + (trimLeft ? 3 : 2), trimNext ? j - 1 : j).trim() });
    i = j + 2;
  }
  return out.filter((t) => t.action !== undefined || t.text !== '');
}

function parseExpr(src: string): Expr {
  if (/^"(?:[^"\\]|\\.)*"$/.test(src)) return { lit: JSON.parse(src) as string };
  if (/^`[^`]*`$/.test(src)) return { lit: src.slice(1, -1) };
  const m = src.match(/^(\.|\$[A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/) ?? src.match(/^()((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/);
  if (!m) throw new TemplateUnsupported(`go-template expression outside the testbed's subset: {{${src}}}`);
  return { from: m[1] || '.', fields: (m[2] ?? '').split('.').filter(Boolean) };
}

function parse(tpl: string): GNode[] {
  const root: GNode[] = [];
  const stack: { node: IfNode | RangeNode | null; list: GNode[]; chained: boolean }[] = [{ node: null, list: root, chained: false }];
  const top = () => stack[stack.length - 1] as (typeof stack)[number];
  const open = (node: IfNode | RangeNode, chained = false) => {
    top().list.push(node);
    stack.push({ node, list: node.then, chained });
  };
  for (const tok of lex(tpl)) {
    const a = tok.action;
    if (a === undefined) top().list.push({ text: tok.text ?? '' });
    else if (a.startsWith('/*')) continue;
    else if (a === 'end') {
      for (let f = stack.pop(); f?.chained; f = stack.pop());
      if (stack.length === 0) throw new TemplateUnsupported(`unexpected {{end}} in go-template: ${tpl}`);
    } else if (a === 'else' || a.startsWith('else if ')) {
      const f = top();
      if (!f.node || f.list === f.node.else) throw new TemplateUnsupported(`unexpected {{${a}}} in go-template: ${tpl}`);
      f.list = f.node.else;
      if (a !== 'else') open({ if: parseExpr(a.slice(8).trim()), then: [], else: [] }, true);
    } else if (a.startsWith('if ')) open({ if: parseExpr(a.slice(3).trim()), then: [], else: [] });
    else if (a.startsWith('range ')) {
      const decl = a.match(/^range\s+(\$[A-Za-z0-9_]*)\s*(?:,\s*(\$[A-Za-z0-9_]*)\s*)?:=\s*(.+)$/);
      const vars = decl ? [decl[1], decl[2]].filter((v): v is string => v !== undefined) : [];
      open({ range: parseExpr((decl ? decl[3] : a.slice(6)) ?? ''), vars, then: [], else: [] });
    } else top().list.push({ out: parseExpr(a) });
  }
  if (stack.length !== 1) throw new TemplateUnsupported(`go-template with an unclosed {{if}} or {{range}}: ${tpl}`);
  return root;
}

const goType = (v: unknown) => (Array.isArray(v) ? '[]interface {}' : typeof v === 'number' ? 'float64' : typeof v);

function evaluate(e: Expr, dot: unknown, vars: Vars): unknown {
  if ('lit' in e) return e.lit;
  if (e.from !== '.' && !vars.has(e.from)) throw new TemplateUnsupported(`undefined variable ${e.from} in go-template`);
  let v = e.from === '.' ? dot : vars.get(e.from);
  for (const f of e.fields) {
    if (v === undefined) continue; // missingkey=default: a missing key stays "no value", no error
    if (v === null) throw new TemplateExecError(`nil pointer evaluating interface {}.${f}`);
    if (typeof v !== 'object' || Array.isArray(v)) throw new TemplateExecError(`can't evaluate field ${f} in type ${goType(v)}`);
    v = Object.hasOwn(v, f) ? (v as Record<string, unknown>)[f] : undefined;
  }
  return v;
}

function truth(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

function run(nodes: GNode[], dot: unknown, vars: Vars): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('out' in n) {
      const v = evaluate(n.out, dot, vars);
      out += v === undefined || v === null ? '<no value>' : typeof v === 'number' ? goFloat(v) : goSprint(v);
    } else if ('if' in n) out += run(truth(evaluate(n.if, dot, vars)) ? n.then : n.else, dot, vars);
    else {
      const v = evaluate(n.range, dot, vars);
      let entries: [unknown, unknown][] = [];
      if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
      else if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        entries = Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]);
      } else if (v !== undefined && v !== null) throw new TemplateExecError(`range can't iterate over ${goSprint(v)}`);
      for (const [k, x] of entries) {
        const scope = new Map(vars);
        if (n.vars.length === 1) scope.set(n.vars[0] as string, x);
        if (n.vars.length === 2) scope.set(n.vars[0] as string, k).set(n.vars[1] as string, x);
        out += run(n.then, x, scope);
      }
      if (entries.length === 0) out += run(n.else, dot, vars);
    }
  }
  return out;
}

/** What `kubectl get … -o 'go-template=<tpl>'` prints for obj (an object or a List). */
export function goTemplate(tpl: string, obj: unknown): string {
  return run(parse(tpl), obj, new Map([['$', obj]]));
}
