/**
 * What kubectl's output templates share: their errors, and Go's way of printing the values that
 * encoding/json gives a template (float64 numbers, maps, slices, nil).
 */

/** The template uses something the testbed's evaluators do not implement (a bug in the testbed, not the query). */
export class TemplateUnsupported extends Error {}

/** kubectl itself would fail executing this template on this object (an answer, printed as kubectl does). */
export class TemplateExecError extends Error {}

/**
 * Go's `%v` of a float64: the shortest digits that round-trip, in exponent form when the decimal
 * exponent is below -4 or at least 6 (so 1000000 prints `1e+06`, as Helm users know).
 */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mant = '', e = '0'] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** `fmt.Sprint` of a value decoded from JSON into interface{}: `map[k:v]` with sorted keys, `[a b]`, `<nil>`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goSprint(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}
