// Monaco's own editor worker (diffs, links, word ranges), bundled by Vite as a worker chunk.
import 'monaco-editor/esm/vs/editor/editor.worker.js';
