/**
 * Derives the bundled Kubernetes JSON Schemas (draft-07, standalone, strict) from the npm package
 * `kubernetes-models` (MIT, generated from the Kubernetes OpenAPI spec; see SOURCES.md):
 *   - structure, required fields, enums and descriptions from its TypeScript declarations (.d.ts),
 *     read with the TypeScript compiler API;
 *   - integer-ness and int32/int64 of each number field from its compiled validators, by asking
 *     each one whether 0.5 (and 2^31) is acceptable: the .d.ts only says `number`.
 * Strict: every object refuses unknown fields (so `replica: 3` is an error), as kubectl's
 * server-side field validation does. Optional fields accept null, as the API server does
 * (`creationTimestamp: null` in `kubectl create --dry-run -o yaml` output).
 *
 *   ./node_modules/.bin/node schemas/k8s/generate.ts          # rewrite the files
 *   ./node_modules/.bin/node schemas/k8s/generate.ts --check  # exit 1 if they differ
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { canonicalName, KINDS, type Schema } from './kinds.ts';

const require = createRequire(import.meta.url);
const OUT = dirname(fileURLToPath(import.meta.url));
const MODELS = dirname(require.resolve('kubernetes-models/package.json'));
const APIMACHINERY = dirname(require.resolve('@kubernetes-models/apimachinery/package.json', { paths: [MODELS] }));

const program = ts.createProgram(
  KINDS.map((k) => join(MODELS, k.dts)),
  { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
);
const checker = program.getTypeChecker();

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null };
const validators = new Map<string, Validator | null>();

async function validatorFor(alias: string): Promise<Validator | null> {
  if (validators.has(alias)) return validators.get(alias) ?? null;
  const file = alias.startsWith('IoK8sApimachinery') ? join(APIMACHINERY, '_schemas', `${alias}.js`) : join(MODELS, '_schemas', `${alias}.js`);
  let v: Validator | null = null;
  try {
    v = ((await import(pathToFileURL(file).href)) as { validate: Validator }).validate;
  } catch {}
  validators.set(alias, v);
  return v;
}

/** Asks the compiled validator of `alias` how it judges `value` at property `prop`. */
async function probe(alias: string, prop: string, value: unknown): Promise<string[]> {
  const v = await validatorFor(alias);
  if (!v) return [];
  v({ [prop]: value });
  return (v.errors ?? []).filter((e) => e.instancePath === `/${prop}` || e.instancePath.startsWith(`/${prop}/`)).map((e) => `${e.keyword}:${String(e.params['type'] ?? e.params['format'] ?? '')}`);
}

async function numberSchema(owner: string, prop: string, inArray: boolean): Promise<Schema> {
  const at = (x: number) => (inArray ? [x] : x);
  const half = await probe(owner, prop, at(0.5));
  if (!half.includes('type:integer')) return { type: 'number', format: 'double' };
  const big = await probe(owner, prop, at(2 ** 31));
  return { type: 'integer', format: big.includes('format:int32') ? 'int32' : 'int64' };
}

const definitions: Record<string, Schema> = {};
const pending: [string, ts.InterfaceDeclaration][] = [];

/** Special named types of apimachinery: how they are written in YAML. */
const NAMED: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description: 'A quantity: a number, or a string like "500m", "1Gi", "0.5".',
    anyOf: [{ type: 'string', pattern: '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+|[numkMGTPE]|[KMGTPE]i)?$' }, { type: 'number' }],
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { description: 'An integer or a string (e.g. a port number or a port name).', anyOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object', description: 'FieldsV1 stores a set of fields in a data structure like a Trie.' },
};

function doc(node: ts.Node): string | undefined {
  const name = (node as ts.NamedDeclaration).name;
  const sym = name ? checker.getSymbolAtLocation(name) : undefined;
  const text = sym ? ts.displayPartsToString(sym.getDocumentationComment(checker)).trim() : '';
  return text === '' ? undefined : text;
}

function declarationOf(ref: ts.TypeReferenceNode): { alias: string; decl: ts.Declaration | undefined } {
  const alias = ref.typeName.getText();
  let sym = checker.getSymbolAtLocation(ref.typeName);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  return { alias, decl: sym?.declarations?.[0] };
}

async function convert(node: ts.TypeNode, owner: string, prop: string, inArray = false): Promise<Schema> {
  if (node.kind === ts.SyntaxKind.StringKeyword) return { type: 'string' };
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
  if (node.kind === ts.SyntaxKind.NumberKeyword) return numberSchema(owner, prop, inArray);
  if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword) return {};
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
  if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
    return { type: 'string', enum: node.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
  }
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: await convert(node.elementType, owner, prop, true) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index?.type) return { type: 'object', additionalProperties: await convert(index.type, owner, prop, inArray) };
    return { type: 'object' };
  }
  if (ts.isTypeReferenceNode(node)) {
    if (node.typeName.getText() === 'Array' && node.typeArguments?.[0]) return { type: 'array', items: await convert(node.typeArguments[0], owner, prop, true) };
    const { alias, decl } = declarationOf(node);
    const name = canonicalName(alias);
    const named = NAMED[name];
    if (named) return named;
    if (decl && ts.isInterfaceDeclaration(decl)) {
      if (!(name in definitions)) {
        definitions[name] = {};
        pending.push([name, decl]);
      }
      return { $ref: `#/definitions/${name}` };
    }
    if (decl && ts.isTypeAliasDeclaration(decl)) return convert(decl.type, owner, prop, inArray);
    throw new Error(`cannot convert type ${alias} (${owner}.${prop})`);
  }
  throw new Error(`cannot convert ${ts.SyntaxKind[node.kind]} at ${owner}.${prop}: ${node.getText()}`);
}

async function convertInterface(name: string, decl: ts.InterfaceDeclaration): Promise<Schema> {
  const alias = `Io${name
    .split('.')
    .slice(1)
    .map((s) => s[0]?.toUpperCase() + s.slice(1))
    .join('')}`;
  const owner = aliasOf(decl) ?? alias;
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const prop = member.name.getText().replace(/^"|"$/g, '');
    const schema: Schema = { ...(await convert(member.type, owner, prop)) };
    const text = doc(member);
    properties[prop] = { ...(text ? { description: text } : {}), ...(member.questionToken ? nullable(schema) : schema) };
    if (!member.questionToken) required.push(prop);
  }
  const text = doc(decl);
  return { ...(text ? { description: text } : {}), type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/**
 * The API server reads null as "not set" for an optional field (`creationTimestamp: null` is in
 * every `kubectl create --dry-run -o yaml`), so optional scalars accept null. Optional objects do
 * not: nobody writes `spec: null`, and a nullable reference would blur the editor's messages.
 */
function nullable(schema: Schema): Schema {
  if (typeof schema['type'] === 'string') {
    const out: Schema = { ...schema, type: [schema['type'], 'null'] };
    if (Array.isArray(schema['enum'])) out['enum'] = [...(schema['enum'] as unknown[]), null];
    return out;
  }
  if (Array.isArray(schema['anyOf'])) return { ...schema, anyOf: [...(schema['anyOf'] as unknown[]), { type: 'null' }] };
  return schema;
}

/** The canonical alias a .d.ts exports an interface under (`export type { IPod as IIoK8sApiCoreV1Pod }`), minus the leading I. */
function aliasOf(decl: ts.InterfaceDeclaration): string | undefined {
  const m = new RegExp(`${decl.name.text} as I(Io[A-Za-z0-9]+)`).exec(decl.getSourceFile().text);
  return m?.[1];
}

async function build(): Promise<Map<string, string>> {
  const roots: string[] = [];
  for (const kind of KINDS) {
    const sf = program.getSourceFile(join(MODELS, kind.dts));
    const decl = sf?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === kind.iface);
    if (!decl) throw new Error(`${kind.iface} not found in ${kind.dts}`);
    definitions[kind.definition] = {};
    pending.push([kind.definition, decl]);
    roots.push(kind.definition);
  }
  while (pending.length > 0) {
    const [name, decl] = pending.shift()!;
    definitions[name] = await convertInterface(name, decl);
  }
  const version = (JSON.parse(readFileSync(join(MODELS, 'package.json'), 'utf8')) as { version: string }).version;
  const files = new Map<string, string>();
  for (const kind of KINDS) {
    const reachable = closure(kind.definition);
    files.set(kind.file, stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://k8s-labs.local/schemas/k8s/${kind.file}`,
      title: `${kind.kind} (${kind.apiVersion})`,
      $comment: `Derived from kubernetes-models ${version} by schemas/k8s/generate.ts; do not edit.`,
      $ref: `#/definitions/${kind.definition}`,
      definitions: Object.fromEntries(reachable.map((n) => [n, definitions[n]])),
    }));
  }
  files.set('manifest.json', stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://k8s-labs.local/schemas/k8s/manifest.json',
    title: 'A Kubernetes manifest: Pod, Deployment, Service, HorizontalPodAutoscaler (autoscaling/v2) or PersistentVolumeClaim',
    $comment: `Derived from kubernetes-models ${version} by schemas/k8s/generate.ts; do not edit. Other kinds are not checked.`,
    type: 'object',
    required: ['apiVersion', 'kind'],
    allOf: KINDS.map((k) => ({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${k.definition}` },
    })),
    definitions: Object.fromEntries(Object.keys(definitions).sort().map((n) => [n, definitions[n]])),
  }));
  return files;
}

function closure(root: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    JSON.stringify(definitions[name], (k, v: unknown) => {
      if (k === '$ref' && typeof v === 'string') visit(v.replace('#/definitions/', ''));
      return v;
    });
  };
  visit(root);
  return [...seen].sort();
}

function stringify(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`;
}

const files = await build();
if (process.argv.includes('--check')) {
  const stale = [...files].filter(([name, text]) => {
    try {
      return readFileSync(join(OUT, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`stale: ${stale.map(([n]) => n).join(', ')}; run node schemas/k8s/generate.ts`);
    process.exitCode = 1;
  } else console.log(`${files.size} schema files are up to date`);
} else {
  for (const [name, text] of files) writeFileSync(join(OUT, name), text);
  console.log(`wrote ${[...files.keys()].join(', ')} (${Object.keys(definitions).length} definitions)`);
}
