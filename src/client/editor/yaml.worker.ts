// The YAML language worker (yaml-language-server inside a Web Worker), re-exported from our own
// file so Vite bundles it as a worker chunk (monaco-yaml's README, "Why doesn't it work with Vite?").
import 'monaco-yaml/yaml.worker.js';
