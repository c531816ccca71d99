import { useCallback, useState } from 'react';
import { closeEditors, closeOthers } from '../app/actions';
import { getServices } from '../app/services';
import { useDocuments } from '../state/documents';
import { baseName, parentOf } from '../state/explorer';
import { useEditorStatus } from '../state/status';
import { useTabs } from '../state/tabs';
import { ContextMenu } from '../widgets/ContextMenu';
import { editorFor, useEditorTitlesVersion } from '../workbench/contributions';
import { Icon } from '../workbench/icons';

/** A tab's label: a contributed editor names its own tabs; a file tab shows the file name. */
const tabLabel = (tab: string): string => editorFor(tab)?.title(tab) ?? baseName(tab);
const tabTooltip = (tab: string): string => {
  const editor = editorFor(tab);
  return editor ? (editor.description?.(tab) ?? editor.title(tab)) : tab;
};

export function EditorTabs() {
  const { tabs, active, activate } = useTabs();
  const docs = useDocuments((s) => s.docs);
  const [menu, setMenu] = useState<{ x: number; y: number; path: string } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  useEditorTitlesVersion(); // a contributed editor renamed its tab
  const names = tabs.map(tabLabel);
  const keyLabel = (id: string) => getServices().registry.get(id)?.keyLabel;
  return (
    <div className="tabs" role="tablist">
      {tabs.map((path, i) => {
        const doc = docs[path];
        // Re-evaluated whenever documents change (this component subscribes to them), which is when a contributed
        // editor's documents become dirty or clean.
        const dirty = doc?.dirty ?? editorFor(path)?.isDirty?.(path) ?? false;
        const duplicate = names.filter((n) => n === names[i]).length > 1;
        return (
          <div
            key={path}
            className={`tab${path === active ? ' active' : ''}${dirty ? ' dirty' : ''}`}
            role="tab"
            aria-selected={path === active}
            data-testid="editor-tab"
            data-path={path}
            title={doc?.deletedOnDisk ? `${path} (deleted)` : tabTooltip(path)}
            onMouseDown={(e) => {
              // Middle click closes, as in VS Code; the default would start auto-scroll.
              if (e.button === 1) {
                e.preventDefault();
                void closeEditors([path]);
              }
            }}
            onClick={() => {
              useEditorStatus.getState().set({ focusEditor: true });
              activate(path);
            }}
            onContextMenu={(e) => {
              e.preventDefault();
              setMenu({ x: e.clientX, y: e.clientY, path });
            }}
          >
            <span className={`tab-label${doc?.deletedOnDisk ? ' deleted' : ''}`}>{names[i]}</span>
            {duplicate && !editorFor(path) && parentOf(path) && <span className="tab-description">{parentOf(path)}</span>}
            <button
              className="tab-close icon-button"
              title={`Close (${keyLabel('workbench.action.closeActiveEditor')})`}
              aria-label={`Close ${names[i]}`}
              onClick={(e) => {
                e.stopPropagation();
                void closeEditors([path]);
              }}
            >
              {dirty && <span className="tab-dirty" data-testid="tab-dirty" aria-label="unsaved changes" />}
              <Icon name="close" />
            </button>
          </div>
        );
      })}
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          items={[
            { label: 'Close', keyLabel: keyLabel('workbench.action.closeActiveEditor'), run: () => void closeEditors([menu.path]) },
            { label: 'Close Others', run: () => void closeOthers(menu.path) },
            { label: 'Close All', keyLabel: keyLabel('workbench.action.closeAllEditors'), run: () => void closeEditors([...tabs]) },
            'separator',
            { label: 'Reopen Closed Editor', keyLabel: keyLabel('workbench.action.reopenClosedEditor'), run: () => void getServices().registry.execute('workbench.action.reopenClosedEditor') },
          ]}
        />
      )}
    </div>
  );
}
