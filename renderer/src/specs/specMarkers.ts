import type { Diagnostic } from '../../../specs-schema';
import { getServices } from '../app/services';
import { loadMonaco } from '../editor/monacoLoader';

const OWNER = 'keel-specs';

/**
 * Shows a spec's diagnostics as markers on the documents' models, so the raw Markdown view (and the same file in
 * a plain editor tab) underlines what the panes list. Positions are 0-based in specs-schema, 1-based in Monaco.
 */
export async function setSpecMarkers(byPath: Map<string, Diagnostic[]>): Promise<void> {
  const { monaco } = await loadMonaco();
  const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
  for (const [path, list] of byPath) {
    const model = getServices().documents.buffer(path)?.handle as import('monaco-editor').editor.ITextModel | undefined;
    if (!model || model.isDisposed()) continue;
    const lines = model.getLineCount();
    const markers = list
      .filter((d) => d.line < lines)
      .map((d) => {
        const endLine = Math.min((d.endLine ?? d.line) + 1, lines);
        const endColumn = d.endColumn !== undefined ? d.endColumn + 1 : model.getLineMaxColumn(endLine);
        return { severity: severity[d.severity], message: d.message, code: d.code, source: 'specs', startLineNumber: d.line + 1, startColumn: d.column + 1, endLineNumber: endLine, endColumn };
      });
    monaco.editor.setModelMarkers(model, OWNER, markers);
  }
}
