import { useEffect, useRef } from 'react';
import { useLayout } from '../state/layout';
import { monaco, setMonacoTheme } from './monacoModule';

export interface DiffEditorProps {
  /** Left side, read-only: e.g. the version on disk. */
  original: string;
  originalLanguage?: string;
  /** Right side: an existing model (edits go straight into the open file's buffer) or a text. */
  modified: monaco.editor.ITextModel | string;
  /** Whether the right side may be edited (only meaningful with a model). */
  modifiedEditable?: boolean;
  /**
   * Column headings over the two sides. With labels the editor stays side by side however narrow it gets (Monaco
   * otherwise switches to the inline view below ~900 px, where "left" and "right" would name nothing).
   */
  originalLabel?: string;
  modifiedLabel?: string;
  /**
   * The Monaco diff editor once it shows its models, and null just before it is disposed (or replaced when a prop
   * changes): for callers that decorate or follow the cursor, so they need not search `getDiffEditors()`.
   */
  onEditor?: (editor: monaco.editor.IStandaloneDiffEditor | null) => void;
}

/**
 * Monaco's diff editor, side by side. Reused by later features (change review); the conflict bar uses it to
 * compare the disk version with the user's unsaved text. Loaded lazily with Monaco.
 */
export default function DiffEditor(props: DiffEditorProps) {
  const { original, originalLanguage, modified, modifiedEditable = true, originalLabel, modifiedLabel } = props;
  const labelled = !!(originalLabel || modifiedLabel);
  const hostRef = useRef<HTMLDivElement>(null);
  // A ref, so a new callback identity on each render does not recreate the editor.
  const onEditorRef = useRef(props.onEditor);
  onEditorRef.current = props.onEditor;
  const theme = useLayout((s) => s.theme);

  useEffect(() => setMonacoTheme(theme), [theme]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const language = typeof modified === 'string' ? originalLanguage : modified.getLanguageId();
    const originalModel = monaco.editor.createModel(original, language ?? originalLanguage);
    const ownsModified = typeof modified === 'string';
    const modifiedModel = ownsModified ? monaco.editor.createModel(modified, language) : modified;
    const editor = monaco.editor.createDiffEditor(host, {
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: !labelled,
      originalEditable: false,
      readOnly: ownsModified || !modifiedEditable,
      fontSize: 14,
      fixedOverflowWidgets: true,
    });
    editor.setModel({ original: originalModel, modified: modifiedModel });
    onEditorRef.current?.(editor);
    return () => {
      onEditorRef.current?.(null);
      editor.setModel(null);
      editor.dispose();
      originalModel.dispose();
      if (ownsModified) modifiedModel.dispose();
    };
  }, [original, originalLanguage, modified, modifiedEditable, labelled]);

  return (
    <div className="diff-editor" data-testid="diff-editor">
      {labelled && (
        <div className="diff-editor-labels">
          <span>{originalLabel}</span>
          <span>{modifiedLabel}</span>
        </div>
      )}
      <div className="diff-editor-host" ref={hostRef} />
    </div>
  );
}
