/**
 * Changed-line markers in the code editor's gutter against the file's HEAD version (green: added, blue: modified,
 * red wedge: deleted), updated as the user types and when HEAD moves (a commit, a branch switch). CodeEditor calls
 * `attachScmGutter` for the model it shows; everything else lives here.
 */
import { getServices } from '../app/services';
import type { monaco } from '../editor/monacoModule';
import { lineChanges, type LineChange } from './lineChanges';
import { useScm } from './scmStore';
import './scm.css';

const TYPING_DEBOUNCE_MS = 250;

const CLASS: Record<LineChange['kind'], string> = { added: 'scm-gutter-added', modified: 'scm-gutter-modified', deleted: 'scm-gutter-deleted' };
const RULER: Record<LineChange['kind'], string> = { added: '#2ea04399', modified: '#0078d499', deleted: '#f8514999' };

export function attachScmGutter(editor: monaco.editor.ICodeEditor, path: string): { dispose(): void } {
  const decorations = editor.createDecorationsCollection();
  let base: string | undefined;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = () => {
    const model = editor.getModel();
    if (disposed || !model) return;
    const changes = base === undefined ? [] : (lineChanges(base, model.getValue()) ?? []);
    decorations.set(
      changes.map((c) => ({
        // A deletion at the very top is drawn on line 1.
        range: { startLineNumber: Math.max(1, c.startLine), startColumn: 1, endLineNumber: Math.max(1, c.endLine), endColumn: 1 },
        options: {
          isWholeLine: true,
          linesDecorationsClassName: CLASS[c.kind],
          overviewRuler: { color: RULER[c.kind], position: 1 /* OverviewRulerLane.Left */ },
          description: `scm-${c.kind}`,
        },
      })),
    );
  };

  const loadBase = async () => {
    try {
      const head = await getServices().client.request('git/showHead', { path });
      // Untracked files get no markers (as in VS Code); a file added since HEAD is all "added".
      base = head.tracked ? head.content : undefined;
    } catch {
      base = undefined; // not a repository, or git failed: no markers rather than wrong ones
    }
    render();
  };

  const model = editor.getModel();
  const onType = model?.onDidChangeContent(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(render, TYPING_DEBOUNCE_MS);
  });
  // HEAD may have moved (commit, switch, reset): re-read the base when the repository's status version changes.
  let version = useScm.getState().summary?.version;
  const unsubscribe = useScm.subscribe((s) => {
    if (s.summary?.version === version) return;
    version = s.summary?.version;
    void loadBase();
  });
  void loadBase();

  return {
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      onType?.dispose();
      unsubscribe();
      decorations.clear();
    },
  };
}
