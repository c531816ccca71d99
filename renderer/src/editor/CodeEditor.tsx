import { useEffect, useRef } from 'react';
import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { focusStillWhereRequested, useEditorStatus } from '../state/status';
import { attachScmGutter } from '../scm/gutter';
import { languageLabel, monaco, setMonacoTheme } from './monacoModule';

/** View state (cursor, scroll, folding) per file, so switching tabs returns to where the user was. */
const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();

/**
 * One Monaco editor for the editor group; switching tabs swaps the model, as VS Code does. Loaded lazily with
 * Monaco's chunk (default export for React.lazy).
 */
export default function CodeEditor({ path, readOnly }: { path: string; readOnly: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const theme = useLayout((s) => s.theme);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const editor = monaco.editor.create(host, {
      model: null,
      automaticLayout: true,
      fontSize: 14,
      minimap: { enabled: true },
      scrollBeyondLastLine: true,
      renderWhitespace: 'selection',
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    const report = () => {
      const pos = editor.getPosition();
      const sel = editor.getSelection();
      const model = editor.getModel();
      useEditorStatus.getState().set({
        line: pos?.lineNumber ?? 1,
        column: pos?.column ?? 1,
        selected: sel && model ? model.getValueLengthInRange(sel) : 0,
      });
    };
    const d1 = editor.onDidChangeCursorSelection(report);
    const d2 = editor.onDidChangeModel(report);
    return () => {
      d1.dispose();
      d2.dispose();
      const model = editor.getModel();
      if (model) viewStates.set(model.uri.path.slice(1), editor.saveViewState());
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => setMonacoTheme(theme), [theme]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = getServices().documents.buffer(path)?.handle as monaco.editor.ITextModel | undefined;
    if (!editor || !model) return;
    editor.setModel(model);
    const state = viewStates.get(path);
    if (state) editor.restoreViewState(state);
    const setLanguage = () => useEditorStatus.getState().set({ language: languageLabel(model.getLanguageId()) });
    setLanguage();
    const d = model.onDidChangeLanguage(setLanguage);
    // Source control's changed-line markers against HEAD (owned by renderer/src/scm/gutter.ts).
    const gutter = attachScmGutter(editor, path);
    return () => {
      d.dispose();
      gutter.dispose();
      viewStates.set(path, editor.saveViewState());
    };
  }, [path]);

  // Declared after the model effect, so the model is in place when focus moves in.
  const wantFocus = useEditorStatus((s) => s.focusEditor);
  useEffect(() => {
    if (!wantFocus || !editorRef.current?.getModel()) return;
    useEditorStatus.getState().set({ focusEditor: false });
    if (focusStillWhereRequested(hostRef.current)) editorRef.current.focus();
  }, [wantFocus, path]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, domReadOnly: readOnly });
  }, [readOnly]);

  return <div className="code-editor" ref={hostRef} data-testid="editor" data-path={path} />;
}
