/**
 * Serialisers that reproduce how the real tools print JSON, so recorded outputs look like
 * captured ones:
 *  - kubectl `-o json`: keys sorted (objects go through unstructured maps), 4-space indent,
 *    Go's HTML escaping of < > & (json.MarshalIndent), trailing newline;
 *  - crictl `-o json`: protobuf field order, 2-space indent (jsonpb), trailing newline;
 *  - API server raw bodies (`kubectl get --raw`): compact, Go struct order, trailing newline.
 */

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function goEscape(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function kubectlJson(obj: unknown): string {
  return `${goEscape(JSON.stringify(sortKeys(obj), null, 4))}\n`;
}

/** `kubectl get <kind> -A -o json`: a v1 List around the items. */
export function kubectlList(items: unknown[]): string {
  return kubectlJson({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
}

/** Go's json.Marshal of a decoded value: compact, map keys sorted, HTML-escaped (jsonpath prints maps and lists so). */
export function goMarshal(value: unknown): string {
  return goEscape(JSON.stringify(sortKeys(value)));
}

export function crictlJson(obj: unknown): string {
  return `${JSON.stringify(obj, null, 2)}\n`;
}

export function rawJson(obj: unknown): string {
  return `${goEscape(JSON.stringify(obj))}\n`;
}
