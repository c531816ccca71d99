import { useDialog } from '../state/dialog';
import { useDocuments } from '../state/documents';
import { baseName, parentOf } from '../state/explorer';
import { notifyError } from '../state/notifications';
import { useEditorStatus } from '../state/status';
import { isAtOrUnder, useTabs } from '../state/tabs';
import { editorFor } from '../workbench/contributions';
import { getServices } from './services';

/** User-level actions shared by the explorer, tabs, quick open and commands. */

/** Opens a file in a tab; `focus` moves the keyboard into the editor (a single click in the explorer does not). */
export function openFile(path: string, focus = true): void {
  if (focus) useEditorStatus.getState().set({ focusEditor: true });
  useTabs.getState().open(path);
  void getServices().documents.openFile(path);
}

export async function save(path: string | null = useTabs.getState().active): Promise<void> {
  if (!path) return;
  await saveTab(path);
}

export async function saveAll(): Promise<void> {
  await getServices().documents.saveAll();
}

/**
 * Closes editors, asking first when some have unsaved changes (Save / Don't Save / Cancel, as VS Code does).
 * Resolves false when the user cancelled or a save failed, leaving those tabs open.
 */
export async function closeEditors(paths: string[]): Promise<boolean> {
  const { documents } = getServices();
  const docs = useDocuments.getState().docs;
  const dirty = paths.filter((p) => docs[p]?.dirty || editorFor(p)?.isDirty?.(p));
  if (dirty.length > 0) {
    const names = dirty.map((p) => editorFor(p)?.title(p) ?? baseName(p));
    const answer = await useDialog.getState().ask({
      title:
        dirty.length === 1
          ? `Do you want to save the changes you made to ${names[0]}?`
          : `Do you want to save the changes to the following ${dirty.length} files?`,
      detail: `${dirty.length > 1 ? `${names.join(', ')}\n\n` : ''}Your changes will be lost if you don't save them.`,
      buttons: [
        { id: 'save', label: dirty.length === 1 ? 'Save' : 'Save All', primary: true },
        { id: 'discard', label: "Don't Save" },
        { id: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer === null || answer === 'cancel') return false;
    if (answer === 'save') {
      const saved = await Promise.all(dirty.map((p) => saveTab(p)));
      if (!saved.every(Boolean)) return false;
    }
  }
  for (const path of paths) {
    useTabs.getState().close(path);
    const editor = editorFor(path);
    if (editor) editor.onClose?.(path);
    else documents.close(path);
  }
  return true;
}

/** Saves a tab: a file through the document manager, a contributed editor through its own save. */
export function saveTab(tab: string): Promise<boolean> {
  const editor = editorFor(tab);
  if (editor) return editor.save ? editor.save(tab) : Promise.resolve(true);
  return getServices().documents.save(tab);
}

export function closeActive(): Promise<boolean> {
  const active = useTabs.getState().active;
  return active ? closeEditors([active]) : Promise.resolve(true);
}

export function closeOthers(path: string | null = useTabs.getState().active): Promise<boolean> {
  if (!path) return Promise.resolve(true);
  return closeEditors(useTabs.getState().tabs.filter((p) => p !== path)).then((ok) => {
    useTabs.getState().activate(path);
    return ok;
  });
}

export function reopenClosed(): void {
  const path = useTabs.getState().reopenClosed();
  if (!path) return;
  useEditorStatus.getState().set({ focusEditor: true });
  void getServices().documents.openFile(path);
}

/** Where "New File" puts things: the selected folder, the selected file's folder, or the root. */
export function targetFolder(): string {
  const { selected, children } = getServices().explorer.getState();
  if (selected === null) return '';
  const parent = parentOf(selected);
  const isDir = children[parent]?.some((e) => e.path === selected && e.kind === 'directory');
  return isDir ? selected : parent;
}

export async function startCreate(kind: 'newFile' | 'newFolder', parent = targetFolder()): Promise<void> {
  const { explorer } = getServices();
  // Until the name box is up, keys must not land in the editor that had focus.
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  if (parent !== '') await explorer.getState().expand(parent);
  explorer.getState().setEdit({ kind, parent });
}

/** Validates a name typed into the explorer; returns the problem or null. */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return 'A file or folder name must be provided.';
  if (/[\\:*?"<>|\0]/.test(name)) return `The name "${name}" contains characters that are not allowed.`;
  if (name.split('/').some((part) => part === '..' || part === '.')) return `"${name}" is not a valid name.`;
  if (name.startsWith('/')) return 'A name cannot start with a slash.';
  return null;
}

export async function create(kind: 'newFile' | 'newFolder', parent: string, name: string): Promise<void> {
  const { client, explorer } = getServices();
  const path = parent ? `${parent}/${name}` : name;
  try {
    if (kind === 'newFile') {
      await client.request('workspace/createFile', { path });
      await explorer.getState().load(parentOf(path));
      explorer.getState().select(path);
      openFile(path);
    } else {
      await client.request('workspace/createDirectory', { path });
      await explorer.getState().load(parentOf(path));
      explorer.getState().select(path);
    }
  } catch (err) {
    notifyError(`Could not create ${name}`, err);
  }
}

export async function rename(from: string, newName: string): Promise<void> {
  const { client, explorer, documents } = getServices();
  const to = parentOf(from) ? `${parentOf(from)}/${newName}` : newName;
  if (to === from) return;
  try {
    await client.request('workspace/rename', { from, to });
    documents.rename(from, to);
    useTabs.getState().rename(from, to);
    await explorer.getState().load(parentOf(from));
    explorer.getState().select(to);
  } catch (err) {
    notifyError(`Could not rename ${baseName(from)}`, err);
  }
}

export async function remove(path: string, isDirectory: boolean): Promise<void> {
  const { client, explorer, documents } = getServices();
  const name = baseName(path);
  const answer = await useDialog.getState().ask({
    title: isDirectory
      ? `Are you sure you want to delete '${name}' and its contents?`
      : `Are you sure you want to delete '${name}'?`,
    detail: 'This cannot be undone from Keel.',
    buttons: [
      { id: 'delete', label: 'Delete', primary: true, danger: true },
      { id: 'cancel', label: 'Cancel' },
    ],
  });
  if (answer !== 'delete') return;
  try {
    await client.request('workspace/delete', { path });
    // Clean editors of deleted files close; dirty ones stay open (marked deleted) so no typing is lost.
    const docs = useDocuments.getState().docs;
    for (const tab of useTabs.getState().tabs) {
      if (isAtOrUnder(tab, path) && !docs[tab]?.dirty) {
        useTabs.getState().close(tab);
        documents.close(tab);
      }
    }
    await explorer.getState().applyChanges([{ type: 'deleted', path, isDirectory }]);
  } catch (err) {
    notifyError(`Could not delete ${name}`, err);
  }
}

/**
 * Switches the host to another folder (the native picker when `path` is omitted). Unsaved editors are settled
 * first (save / don't save / cancel); the page reloads onto the new folder.
 */
export async function openFolder(path?: string): Promise<void> {
  if (!(await closeEditors([...useTabs.getState().tabs]))) return;
  try {
    const { opened } = await getServices().client.request('app/openFolder', path === undefined ? {} : { path });
    if (opened) location.reload();
  } catch (err) {
    notifyError('Could not open the folder', err);
  }
}
