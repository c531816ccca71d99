import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { DirEntry } from '../../../protocol';
import { create, nameProblem, openFile, remove, rename, startCreate } from '../app/actions';
import { getServices } from '../app/services';
import { parentOf, type ExplorerEdit, type ExplorerState } from '../state/explorer';
import { useTabs } from '../state/tabs';
import { useWorkspace } from '../state/workspace';
import { ContextMenu, type MenuEntry } from '../widgets/ContextMenu';
import { InlineInput } from '../widgets/InlineInput';
import { Icon } from '../workbench/icons';
import { fileGlyph } from './fileIcons';

type Row = { kind: 'entry'; entry: DirEntry; depth: number } | { kind: 'create'; edit: ExplorerEdit; depth: number };

/** The rows on screen: expanded folders' children, depth first, with the "new file" box at the top of its folder. */
function visibleRows(s: Pick<ExplorerState, 'children' | 'expanded' | 'edit'>): Row[] {
  const rows: Row[] = [];
  const walk = (dir: string, depth: number) => {
    if (s.edit && s.edit.kind !== 'rename' && s.edit.parent === dir) rows.push({ kind: 'create', edit: s.edit, depth });
    for (const entry of s.children[dir] ?? []) {
      rows.push({ kind: 'entry', entry, depth });
      if (entry.kind === 'directory' && s.expanded[entry.path]) walk(entry.path, depth + 1);
    }
  };
  walk('', 0);
  return rows;
}

const INDENT = 8;

export function Explorer() {
  const store = getServices().explorer;
  const state = useStore(store);
  const workspaceName = useWorkspace((s) => s.name);
  const activeFile = useTabs((s) => s.active);
  const rows = useMemo(() => visibleRows(state), [state]);
  const [menu, setMenu] = useState<{ x: number; y: number; entry: DirEntry | null } | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  useEffect(() => {
    treeRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [state.selected]);

  const activate = (entry: DirEntry, focusEditor: boolean) => {
    store.getState().select(entry.path);
    if (entry.kind === 'directory') void store.getState().toggle(entry.path);
    else openFile(entry.path, focusEditor);
  };

  const entries = rows.flatMap((r) => (r.kind === 'entry' ? [r.entry] : []));
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = entries.findIndex((en) => en.path === state.selected);
    const current = entries[i];
    const move = (to: number) => {
      const target = entries[Math.max(0, Math.min(entries.length - 1, to))];
      if (target) store.getState().select(target.path);
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i <= 0 ? 0 : i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(entries.length - 1);
    else if (e.key === 'ArrowRight' && current?.kind === 'directory') void store.getState().expand(current.path);
    else if (e.key === 'ArrowLeft' && current) {
      if (current.kind === 'directory' && state.expanded[current.path]) void store.getState().toggle(current.path);
      else if (parentOf(current.path)) store.getState().select(parentOf(current.path));
    } else if (e.key === 'Enter' && current) activate(current, true);
    else if (e.key === 'F2' && current) store.getState().setEdit({ kind: 'rename', path: current.path });
    else if (e.key === 'Delete' && current) void remove(current.path, current.kind === 'directory');
    else return;
    e.preventDefault();
  };

  const menuItems = (entry: DirEntry | null): MenuEntry[] => {
    const folder = entry ? (entry.kind === 'directory' ? entry.path : parentOf(entry.path)) : '';
    const items: MenuEntry[] = [
      { label: 'New File...', run: () => void startCreate('newFile', folder) },
      { label: 'New Folder...', run: () => void startCreate('newFolder', folder) },
    ];
    if (entry) {
      items.push(
        'separator',
        { label: 'Rename...', keyLabel: 'F2', run: () => store.getState().setEdit({ kind: 'rename', path: entry.path }) },
        { label: 'Delete', keyLabel: 'Delete', run: () => void remove(entry.path, entry.kind === 'directory') },
      );
    }
    return items;
  };

  const rootError = state.errors[''];
  return (
    <div className="explorer">
      <div className="pane-header">
        <span className="pane-title" title={useWorkspace.getState().root}>
          {workspaceName || 'Workspace'}
        </span>
        <div className="pane-actions">
          <ToolButton icon="newFile" title="New File..." onClick={() => void startCreate('newFile')} />
          <ToolButton icon="newFolder" title="New Folder..." onClick={() => void startCreate('newFolder')} />
          <ToolButton icon="refresh" title="Refresh Explorer" onClick={() => void store.getState().refreshAll()} />
          <ToolButton icon="collapseAll" title="Collapse Folders in Explorer" onClick={() => store.getState().collapseAll()} />
        </div>
      </div>
      <div
        className="tree"
        role="tree"
        aria-label="Files Explorer"
        tabIndex={0}
        ref={treeRef}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenu({ x: e.clientX, y: e.clientY, entry: null });
        }}
      >
        {rootError && <div className="tree-message error">Could not list the folder: {rootError}</div>}
        {!rootError && state.children[''] && state.children[''].length === 0 && !state.edit && (
          <div className="tree-message">This folder is empty.</div>
        )}
        {rows.map((row) =>
          row.kind === 'create' ? (
            <div key={`create:${row.edit.kind}`} className="tree-row editing" style={{ paddingLeft: row.depth * INDENT + 8 }}>
              <span className="twistie" />
              <InlineInput
                initial=""
                validate={nameProblem}
                onCancel={() => store.getState().setEdit(null)}
                onCommit={(name) => {
                  store.getState().setEdit(null);
                  if (row.edit.kind !== 'rename') void create(row.edit.kind, row.edit.parent, name);
                }}
              />
            </div>
          ) : (
            <TreeRow
              key={row.entry.path}
              entry={row.entry}
              depth={row.depth}
              state={state}
              isActiveFile={row.entry.path === activeFile}
              onActivate={activate}
              onMenu={(e) => {
                e.preventDefault();
                e.stopPropagation();
                store.getState().select(row.entry.path);
                setMenu({ x: e.clientX, y: e.clientY, entry: row.entry });
              }}
            />
          ),
        )}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.entry)} onClose={closeMenu} />}
    </div>
  );
}

function TreeRow({
  entry,
  depth,
  state,
  isActiveFile,
  onActivate,
  onMenu,
}: {
  entry: DirEntry;
  depth: number;
  state: ExplorerState;
  isActiveFile: boolean;
  onActivate: (entry: DirEntry, focusEditor: boolean) => void;
  onMenu: (e: React.MouseEvent) => void;
}) {
  const isDir = entry.kind === 'directory';
  const expanded = !!state.expanded[entry.path];
  const renaming = state.edit?.kind === 'rename' && state.edit.path === entry.path;
  const error = state.errors[entry.path];
  return (
    <div
      className={`tree-row${state.selected === entry.path ? ' selected' : ''}${isActiveFile ? ' active-file' : ''}`}
      role="treeitem"
      aria-selected={state.selected === entry.path}
      aria-expanded={isDir ? expanded : undefined}
      aria-level={depth + 1}
      data-testid="explorer-item"
      data-path={entry.path}
      data-kind={entry.kind}
      title={error ? `${entry.path}: ${error}` : entry.path}
      style={{ paddingLeft: depth * INDENT + 8 }}
      onClick={() => !renaming && onActivate(entry, false)}
      onDoubleClick={() => !renaming && !isDir && onActivate(entry, true)}
      onContextMenu={onMenu}
    >
      {depth > 0 && <IndentGuides depth={depth} />}
      <span className="twistie">{isDir && <Icon name={expanded ? 'chevronDown' : 'chevronRight'} />}</span>
      {!isDir && <FileIcon name={entry.name} />}
      {renaming ? (
        <InlineInput
          initial={entry.name}
          validate={(v) => nameProblem(v) ?? (v.includes('/') ? 'A name cannot contain a slash.' : null)}
          onCancel={() => getServices().explorer.getState().setEdit(null)}
          onCommit={(name) => {
            getServices().explorer.getState().setEdit(null);
            void rename(entry.path, name);
          }}
        />
      ) : (
        <span className={`tree-label${error ? ' error' : ''}${entry.kind === 'symlink' ? ' symlink' : ''}`}>
          {entry.name}
        </span>
      )}
      {state.loading[entry.path] && <span className="tree-spinner" aria-label="Loading" />}
    </div>
  );
}

function FileIcon({ name }: { name: string }) {
  const glyph = fileGlyph(name);
  if (!glyph) return <Icon name="file" className="file-icon generic" />;
  return (
    <span className="file-icon" style={{ color: glyph.color }} aria-hidden="true">
      {glyph.text}
    </span>
  );
}

function IndentGuides({ depth }: { depth: number }) {
  return (
    <span className="indent-guides" aria-hidden="true">
      {Array.from({ length: depth }, (_, i) => (
        <span key={i} className="indent-guide" style={{ left: i * INDENT + 16 }} />
      ))}
    </span>
  );
}

function ToolButton({ icon, title, onClick }: { icon: Parameters<typeof Icon>[0]['name']; title: string; onClick: () => void }) {
  return (
    <button className="icon-button" title={title} aria-label={title} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}
