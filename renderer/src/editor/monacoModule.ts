/**
 * Monaco and its workers, bundled locally (no CDN). Only reached through `loadMonaco()`, so this whole module
 * and Monaco land in a lazily loaded chunk.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import CssWorker from 'monaco-editor/language/css/css.worker?worker';
import HtmlWorker from 'monaco-editor/language/html/html.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import type { BufferFactory, TextBuffer } from './documentManager';
import { languageForPath, languageName } from './languages';
import { detectEol, type Eol } from './textCodec';

export { monaco };

// Without a worker per language service, TS/JS, JSON, CSS and HTML features fail ("Missing requestHandler").
self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    switch (label) {
      case 'json':
        return new JsonWorker();
      case 'css':
      case 'scss':
      case 'less':
        return new CssWorker();
      case 'html':
      case 'handlebars':
      case 'razor':
        return new HtmlWorker();
      case 'typescript':
      case 'javascript':
        return new TsWorker();
      default:
        return new EditorWorker();
    }
  },
};

monaco.editor.defineTheme('keel-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1f1f1f', 'editorGutter.background': '#1f1f1f' },
});
monaco.editor.defineTheme('keel-light', { base: 'vs', inherit: true, rules: [], colors: {} });

export function setMonacoTheme(theme: 'light' | 'dark'): void {
  monaco.editor.setTheme(theme === 'dark' ? 'keel-dark' : 'keel-light');
}

export function languageIdFor(path: string): string {
  return languageForPath(path, monaco.languages.getLanguages());
}

export function languageLabel(id: string): string {
  return languageName(id, monaco.languages.getLanguages());
}

const uriFor = (path: string) => monaco.Uri.from({ scheme: 'file', path: `/${path}` });

class MonacoBuffer implements TextBuffer {
  constructor(readonly handle: monaco.editor.ITextModel) {}
  getText() {
    return this.handle.getValue();
  }
  altVersion() {
    return this.handle.getAlternativeVersionId();
  }
  replaceAll(body: string) {
    const model = this.handle;
    model.pushStackElement();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: body }], () => null);
    const eol = detectEol(body) === 'CRLF' ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF;
    model.pushEOL(eol);
    model.pushStackElement();
  }
  eol(): Eol {
    return this.handle.getEOL() === '\r\n' ? 'CRLF' : 'LF';
  }
  onDidChange(listener: () => void) {
    const d = this.handle.onDidChangeContent(listener);
    return () => d.dispose();
  }
  setPath(path: string) {
    monaco.editor.setModelLanguage(this.handle, languageIdFor(path));
  }
  dispose() {
    this.handle.dispose();
  }
}

export const createBuffer: BufferFactory = (path, body) => {
  const existing = monaco.editor.getModel(uriFor(path));
  existing?.dispose();
  return new MonacoBuffer(monaco.editor.createModel(body, languageIdFor(path), uriFor(path)));
};
