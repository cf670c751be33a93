import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import manifestSchema from '../../../schemas/k8s/manifest.json' with { type: 'json' };

/**
 * The bundled Kubernetes schemas (schemas/k8s/manifest.json: Pod, Deployment, Service, HPA v2, PVC;
 * other kinds pass unchecked) compiled once with Ajv. The formats the OpenAPI uses are real
 * checks, not ignored: int32/int64 ranges, date-time; int-or-string and double are types already.
 */
const INT32 = { type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 };
const INT64 = { type: 'number' as const, validate: (n: number) => Number.isSafeInteger(n) };
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

let compiled: ValidateFunction | undefined;

export function manifestValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
  ajv.addFormat('int32', INT32);
  ajv.addFormat('int64', INT64);
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('int-or-string', true);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  compiled = ajv.compile(manifestSchema);
  return compiled;
}

export type SchemaError = ErrorObject;

/** The kinds the schemas check, as `apiVersion/kind`. */
export const CHECKED_KINDS: ReadonlySet<string> = new Set(
  (manifestSchema as { allOf: { if: { properties: { apiVersion: { const: string }; kind: { const: string } } } }[] }).allOf.map(
    (c) => `${c.if.properties.apiVersion.const}/${c.if.properties.kind.const}`,
  ),
);
