import { isMap, isNode, isPair, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { t, type Lang, type Localized } from '../../shared/i18n.ts';
import type { YamlProblem } from '../../client/check/api-types.ts';
import { explain, fieldPath, pointerSegments } from './error-text.ts';
import { nameProblems } from './name-rules.ts';
import { CHECKED_KINDS, manifestValidator, type SchemaError } from './schema-validator.ts';

/**
 * Server-side validation of what the editor sends before anything reaches the cluster: YAML
 * syntax, then each document against the bundled Kubernetes schemas (schema-validator.ts) and the
 * API server's name rules (name-rules.ts). Problems carry 1-based line and column.
 */

export const MAX_DOCUMENTS = 20;
export const MAX_PROBLEMS = 50;

export interface ValidationResult {
  problems: YamlProblem[];
  /** Number of non-empty documents. */
  documents: number;
  /** `apiVersion/kind` of documents not checked against a schema (other kinds). */
  unchecked: string[];
}

function at(lc: LineCounter, offset: number): { line: number; column: number } {
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The node a path points at, or the nearest ancestor that exists; for a key, the key itself. */
function locate(doc: Document, segments: (string | number)[], key?: string): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (const s of segments) {
    if (!isNode(node)) break;
    const next = (node as { get?: (k: unknown, keep: boolean) => unknown }).get?.(s, true);
    if (!isNode(next)) break;
    node = next;
    last = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isNode(pair.key)) return pair.key;
  }
  return last;
}

/** Ajv reports a failed anyOf as one error per branch plus the anyOf: keep one sentence. */
function merge(errors: SchemaError[]): SchemaError[] {
  const out: SchemaError[] = [];
  const byPath = new Map<string, SchemaError[]>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  }
  for (const group of byPath.values()) {
    if (!group.some((e) => e.keyword === 'anyOf')) {
      out.push(...group);
      continue;
    }
    const pattern = group.find((e) => e.keyword === 'pattern');
    if (pattern) {
      out.push(pattern);
      continue;
    }
    const types = group.filter((e) => e.keyword === 'type').flatMap((e) => String((e.params as { type: string }).type).split(','));
    const first = group.find((e) => e.keyword === 'type') ?? group[0];
    if (first) out.push({ ...first, keyword: 'type', params: { type: [...new Set(types)].join(',') } });
  }
  return out;
}

function problem(lang: Lang, lc: LineCounter, offset: number, path: string, message: Localized): YamlProblem {
  return { ...at(lc, offset), path, message: message[lang] };
}

export function validateManifests(text: string, lang: Lang): ValidationResult {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const result: ValidationResult = { problems: [], documents: 0, unchecked: [] };
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    if (result.problems.length >= MAX_PROBLEMS) break;
    for (const err of doc.errors) {
      result.problems.push(
        problem(
          lang,
          lc,
          err.pos[0],
          '(yaml)',
          t(`YAML 语法错误：${err.message.split('\n')[0]}`, `YAML syntax error: ${err.message.split('\n')[0]}`),
        ),
      );
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    if (++result.documents > MAX_DOCUMENTS) {
      result.problems.push(
        problem(lang, lc, doc.range[0], '(yaml)', t(`一次最多 ${MAX_DOCUMENTS} 个文档`, `at most ${MAX_DOCUMENTS} documents at a time`)),
      );
      break;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (err) {
      // An alias bomb: refused before it is expanded.
      result.problems.push(
        problem(
          lang,
          lc,
          doc.range[0],
          '(yaml)',
          t(`YAML 无法展开：${(err as Error).message}`, `The YAML cannot be expanded: ${(err as Error).message}`),
        ),
      );
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      result.problems.push(
        problem(
          lang,
          lc,
          doc.range[0],
          '(document)',
          t(
            '每个文档应是一个 Kubernetes 对象（apiVersion、kind、metadata …）',
            'each document must be a Kubernetes object (apiVersion, kind, metadata …)',
          ),
        ),
      );
      continue;
    }
    const obj = value as Record<string, unknown>;
    const validate = manifestValidator();
    if (!validate(obj)) {
      for (const err of merge(validate.errors ?? [])) {
        const segments = pointerSegments(err.instancePath);
        const extra =
          err.keyword === 'additionalProperties' ? String((err.params as { additionalProperty: string }).additionalProperty) : undefined;
        // A missing field is shown at the key of the object that lacks it (`spec:`), not its first child.
        const last = segments.at(-1);
        const node =
          err.keyword === 'required' && typeof last === 'string' ? locate(doc, segments.slice(0, -1), last) : locate(doc, segments, extra);
        const path = fieldPath(extra ? [...segments, extra] : segments);
        result.problems.push(problem(lang, lc, node?.range?.[0] ?? doc.range[0], path, explain(err, segments)));
      }
    }
    const gvk = `${String(obj['apiVersion'])}/${String(obj['kind'])}`;
    if (!CHECKED_KINDS.has(gvk)) result.unchecked.push(gvk);
    for (const np of nameProblems(obj)) {
      const node = locate(doc, np.path);
      result.problems.push(problem(lang, lc, node?.range?.[0] ?? doc.range[0], fieldPath(np.path), np.message));
    }
  }
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  result.problems = result.problems.slice(0, MAX_PROBLEMS);
  return result;
}
