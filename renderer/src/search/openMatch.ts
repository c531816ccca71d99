import { openFile } from '../app/actions';
import { getServices } from '../app/services';
import { loadMonaco } from '../editor/monacoLoader';

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Opens a file and selects a match in it (1-based line, 0-based UTF-16 columns). The editor component attaches the
 * model in an effect after the tab opens, so this waits a few frames for an editor showing the file's model.
 */
export async function openMatch(path: string, line: number, start: number, end: number, focus = true): Promise<void> {
  openFile(path);
  const { documents } = getServices();
  await documents.openFile(path);
  const model = documents.buffer(path)?.handle;
  if (!model) return; // the file failed to open; the editor area shows why
  const { monaco } = await loadMonaco();
  for (let i = 0; i < 120; i++) {
    const editor = monaco.editor.getEditors().find((e) => e.getModel() === model);
    if (editor) {
      const range = new monaco.Range(line, start + 1, line, end + 1);
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range);
      if (focus) editor.focus();
      return;
    }
    await frame();
  }
}
