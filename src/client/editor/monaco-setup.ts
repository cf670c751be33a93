/**
 * The heavy part of the YAML editor, loaded only when the editor pane is first shown (dynamic
 * import from yaml-editor.ts), so none of it is in a lesson page's initial JavaScript.
 * Monaco core + its feature contributions + YAML highlighting, and monaco-yaml with the bundled
 * Kubernetes schemas (schemas/k8s/manifest.json): nothing is fetched from the network, and the
 * schema URI is a name, not a place (enableSchemaRequest: false).
 *
 * CSP: the workers are files of this site ('self' in script-src covers worker-src). Monaco's
 * stylesheet is a bundled file; at run time it also adds <style> elements (theme colours, per-line
 * decorations) that no build-time hash can cover, so pages with the editor allow style *elements*
 * ('unsafe-inline' for style-src-elem, as the terminal does for xterm.js); scripts stay hash-only.
 */
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { configureMonacoYaml } from 'monaco-yaml';
import manifestSchema from '../../../schemas/k8s/manifest.json';
import EditorWorker from './editor.worker.ts?worker';
import YamlWorker from './yaml.worker.ts?worker';

export const SCHEMA_URI = 'https://k8s-labs.local/schemas/k8s/manifest.json';

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  (globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
  };
  supportModuleWorkers();
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    completion: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['**/*.yaml'], schema: manifestSchema as object }],
  });
}

/**
 * monaco-yaml (through monaco-worker-manager) asks for its worker the pre-0.54 way, by label and
 * createData. Since 0.54 only the full `editor.main` entry translates that into a Worker; this page
 * loads the smaller `editor.api` entry, so the same translation is done here: the same handshake
 * (a first message the worker ignores, then createData) that editor.main performs.
 */
function supportModuleWorkers(): void {
  const original = monaco.editor.createWebWorker;
  type Options = { worker?: Worker | Promise<Worker>; host?: unknown; keepIdleModels?: boolean; label?: string; createData?: unknown };
  const patched = (options: Options) => {
    if (options.worker !== undefined) return original(options as Parameters<typeof original>[0]);
    const worker = options.label === 'yaml' ? new YamlWorker() : new EditorWorker();
    worker.postMessage('ignore');
    worker.postMessage(options.createData);
    return original({ worker, host: options.host, keepIdleModels: options.keepIdleModels ?? false });
  };
  (monaco.editor as { createWebWorker: unknown }).createWebWorker = patched;
}

export interface MountedEditor {
  getValue(): string;
  setValue(text: string): void;
  reveal(line: number, column: number): void;
  /** Markers (schema and syntax problems) as Monaco shows them. */
  markers(): { line: number; column: number; message: string }[];
  dispose(): void;
}

let models = 0;

export function createYamlEditor(
  container: HTMLElement,
  initial: string,
  ariaLabel: string,
  onMarkers: (markers: { line: number; column: number; message: string }[]) => void,
): MountedEditor {
  configure();
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const model = monaco.editor.createModel(initial, 'yaml', monaco.Uri.parse(`file:///k8s-labs/manifest-${++models}.yaml`));
  const editor = monaco.editor.create(container, {
    model,
    theme: dark.matches ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    renderWhitespace: 'boundary',
    ariaLabel,
    // Hovers and suggestions escape the pane's overflow instead of being cut off.
    fixedOverflowWidgets: true,
  });
  const onScheme = () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs');
  dark.addEventListener('change', onScheme);
  const markersOf = () =>
    monaco.editor
      .getModelMarkers({ resource: model.uri })
      .map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message }));
  const listener = monaco.editor.onDidChangeMarkers((uris) => {
    if (uris.some((u) => u.toString() === model.uri.toString())) onMarkers(markersOf());
  });
  return {
    getValue: () => model.getValue(),
    setValue: (text) => model.setValue(text),
    reveal: (line, column) => {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
    markers: markersOf,
    dispose: () => {
      listener.dispose();
      dark.removeEventListener('change', onScheme);
      editor.dispose();
      model.dispose();
    },
  };
}
