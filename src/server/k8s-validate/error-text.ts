import { t, type Localized } from '../../shared/i18n.ts';
import type { SchemaError } from './schema-validator.ts';
import { editDistance } from '../../shared/edit-distance.ts';

/** JSON Pointer segments of an Ajv instancePath (`/spec/ports/0` → ['spec', 'ports', 0]). */
export function pointerSegments(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `spec.template.spec.containers[0].ports[0].containerPort`, as kubectl's messages write it. */
export function fieldPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out || '(the document)';
}

const TYPE_NAMES: Record<string, Localized> = {
  integer: t('整数', 'a whole number'),
  number: t('数字', 'a number'),
  string: t('字符串', 'a string'),
  boolean: t('布尔值（true 或 false）', 'true or false'),
  object: t('映射（key: value）', 'a map (key: value)'),
  array: t('列表（- 开头的项）', 'a list (items starting with -)'),
  null: t('空值', 'null'),
};

function typeName(value: unknown): Localized {
  if (value === null) return TYPE_NAMES['null']!;
  if (Array.isArray(value)) return t('列表', 'a list');
  if (typeof value === 'number') return Number.isInteger(value) ? t('整数', 'a whole number') : t('小数', 'a decimal number');
  return TYPE_NAMES[typeof value] ?? t(typeof value, typeof value);
}

function expected(types: string[]): Localized {
  const names = types.filter((x) => x !== 'null').map((x) => TYPE_NAMES[x] ?? t(x, x));
  return t(names.map((n) => n.zh).join('或'), names.map((n) => n.en).join(' or '));
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The known field nearest to a misspelt one (`replica` → `replicas`, `contianers` → `containers`). */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let score = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < score) [best, score] = [k, d];
  }
  return best !== undefined && score <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** A learner's sentence for one schema error: what is wrong at which field, and what to write. */
export function explain(err: SchemaError, segments: (string | number)[]): Localized {
  const field = fieldPath(segments);
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      const known = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = nearest(extra, known);
      const where = segments.length === 0 ? t('顶层', 'the top level') : t(field, field);
      return near
        ? t(`${where.zh} 中没有字段 "${extra}"，是不是想写 "${near}"？`, `${where.en} has no field "${extra}". Did you mean "${near}"?`)
        : t(`${where.zh} 中没有字段 "${extra}"（拼写或缩进错误？）`, `${where.en} has no field "${extra}" (a typo, or wrong indentation?)`);
    }
    case 'required':
      return t(
        `${fieldPath([...segments, String(p['missingProperty'])])} 是必填的`,
        `${fieldPath([...segments, String(p['missingProperty'])])} is required`,
      );
    case 'type': {
      const want = expected(String(p['type']).split(','));
      const got = typeName(err.data);
      const hint = typeof err.data === 'string' && /^\d+$/.test(err.data) ? t('（去掉引号）', ' (remove the quotes)') : t('', '');
      return t(
        `${field} 应为${want.zh}，但写的是${got.zh} ${shown(err.data)}${hint.zh}`,
        `${field} must be ${want.en}; ${shown(err.data)} is ${got.en}${hint.en}`,
      );
    }
    case 'enum': {
      const allowed = ((p['allowedValues'] as unknown[]) ?? []).filter((v) => v !== null).map((v) => String(v));
      return t(
        `${field} 只能是 ${allowed.join('、')} 之一，而不是 ${shown(err.data)}`,
        `${field} must be one of ${allowed.join(', ')}, not ${shown(err.data)}`,
      );
    }
    case 'format':
      return t(
        `${field} 的值 ${shown(err.data)} 超出范围或格式不对（${String(p['format'])}）`,
        `${field}: ${shown(err.data)} is out of range or not a valid ${String(p['format'])}`,
      );
    case 'pattern':
      return t(
        `${field} 的值 ${shown(err.data)} 不是合法的数量（例如 500m、1Gi、2）`,
        `${field}: ${shown(err.data)} is not a valid quantity (e.g. 500m, 1Gi, 2)`,
      );
    case 'anyOf':
      return t(`${field} 的值 ${shown(err.data)} 类型不对`, `${field}: ${shown(err.data)} has the wrong type`);
    default:
      return t(`${field}：${err.message ?? err.keyword}`, `${field}: ${err.message ?? err.keyword}`);
  }
}
