import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GitChange } from '../../../protocol';
import { openFile } from '../app/actions';
import { Icon } from '../workbench/icons';
import { DiscardIcon, MinusIcon, OpenFileIcon, PlusIcon } from './ScmIcons';
import { discard, stage, unstage } from './scmController';
import { openScmDiff } from './scmDiffTab';
import { buildRows, GROUP_TITLES, KIND_LETTER, useScm, type GroupId, type ScmRow } from './scmStore';

const ROW_HEIGHT = 22;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i > 0 ? path.slice(0, i) : '';
}

/** Group-wide actions, as in VS Code's group header. */
function groupActions(group: GroupId, files: GitChange[]) {
  const paths = files.map((f) => f.path);
  if (group === 'staged') return [{ label: 'Unstage All Changes', icon: <MinusIcon />, run: () => void unstage(paths) }];
  return [
    ...(group === 'changes' ? [{ label: 'Discard All Changes', icon: <DiscardIcon />, run: () => void discard(paths, files.filter((f) => f.kind === 'untracked').length) }] : []),
    { label: 'Stage All Changes', icon: <PlusIcon />, run: () => void stage(paths) },
  ];
}

function fileActions(group: GroupId, change: GitChange) {
  const open = { label: 'Open File', icon: <OpenFileIcon />, run: () => openFile(change.path) };
  if (group === 'staged') return [open, { label: 'Unstage Changes', icon: <MinusIcon />, run: () => void unstage([change.path]) }];
  const actions = [open];
  if (group === 'changes') actions.push({ label: 'Discard Changes', icon: <DiscardIcon />, run: () => void discard([change.path], change.kind === 'untracked' ? 1 : 0) });
  actions.push({ label: group === 'conflicts' ? 'Mark as Resolved (Stage)' : 'Stage Changes', icon: <PlusIcon />, run: () => void stage([change.path]) });
  return actions;
}

function openRow(row: ScmRow) {
  if (row.kind !== 'file') return;
  if (row.change.kind === 'deleted' && row.group === 'changes') openScmDiff(row.change.path, 'changes');
  else openScmDiff(row.change.path, row.group === 'staged' ? 'staged' : 'changes');
}

/**
 * Staged / Changes / Merge Changes as one virtualised list: only the rows on screen exist in the DOM, so 10,000
 * changed files scroll and update as fast as ten.
 */
export function ScmList() {
  const status = useScm((s) => s.status);
  const collapsed = useScm((s) => s.collapsed);
  const rows = useMemo(() => buildRows(status, collapsed), [status, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const at = Math.min(cursor, Math.max(rows.length - 1, 0));

  const toggle = (group: GroupId) => useScm.getState().set({ collapsed: { ...collapsed, [group]: !collapsed[group] } });
  const onKeyDown = (e: KeyboardEvent) => {
    const row = rows[at];
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1, PageDown: at + 20, PageUp: at - 20 };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, moves[e.key] as number));
      setCursor(next);
      virtualizer.scrollToIndex(next);
    } else if (e.key === 'Enter' && row) {
      if (row.kind === 'group') toggle(row.group);
      else openRow(row);
    } else if (e.key === ' ' && row?.kind === 'file') {
      e.preventDefault();
      void (row.group === 'staged' ? unstage([row.change.path]) : stage([row.change.path]));
    }
  };

  return (
    <div className="scm-list" ref={scrollRef} tabIndex={0} role="tree" aria-label="Changes" data-testid="scm-list" onKeyDown={onKeyDown}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as ScmRow;
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` };
          const focused = item.index === at;
          if (row.kind === 'group') {
            const files = status?.[row.group] ?? [];
            return (
              <div
                key={`g-${row.group}`}
                className={`scm-row scm-group${focused ? ' cursor' : ''}`}
                style={style}
                role="treeitem"
                aria-expanded={!collapsed[row.group]}
                data-testid={`scm-group-${row.group}`}
                onClick={() => {
                  setCursor(item.index);
                  toggle(row.group);
                }}
              >
                <Icon name={collapsed[row.group] ? 'chevronRight' : 'chevronDown'} size={16} />
                <span className="scm-group-title">{GROUP_TITLES[row.group]}</span>
                <span className="scm-row-actions">
                  {row.count > 0 &&
                    groupActions(row.group, files).map((a) => (
                      <button key={a.label} className="scm-icon-button" title={a.label} aria-label={a.label} onClick={(e) => (e.stopPropagation(), a.run())}>
                        {a.icon}
                      </button>
                    ))}
                </span>
                <span className="scm-count" data-testid={`scm-count-${row.group}`}>
                  {row.count}
                </span>
              </div>
            );
          }
          const { change } = row;
          const dir = dirName(change.path);
          return (
            <div
              key={`${row.group}:${change.path}`}
              className={`scm-row scm-file kind-${change.kind}${focused ? ' cursor' : ''}`}
              style={style}
              role="treeitem"
              title={`${change.from ? `${change.from} → ` : ''}${change.path} • ${change.kind}`}
              data-testid="scm-file"
              data-path={change.path}
              data-group={row.group}
              onClick={() => {
                setCursor(item.index);
                openRow(row);
              }}
            >
              <span className={`scm-file-name${change.kind === 'deleted' ? ' deleted' : ''}`}>{baseName(change.path)}</span>
              {dir && <span className="scm-file-dir">{dir}</span>}
              <span className="scm-row-actions">
                {fileActions(row.group, change).map((a) => (
                  <button key={a.label} className="scm-icon-button" title={a.label} aria-label={a.label} onClick={(e) => (e.stopPropagation(), a.run())}>
                    {a.icon}
                  </button>
                ))}
              </span>
              <span className="scm-letter" aria-label={change.kind}>
                {KIND_LETTER[change.kind]}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
