import fuzzysort from 'fuzzysort';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { openFile } from '../app/actions';
import { getServices } from '../app/services';
import { fullTitle } from '../commands/registry';
import { notifyError } from '../state/notifications';
import { useQuickInput, type Pick, type PickItem } from '../state/quickInput';
import { useTabs } from '../state/tabs';
import { segments, splitPath, type Segment } from './highlight';

interface Item {
  key: string;
  label: Segment[];
  description?: Segment[];
  detail?: string;
  run: () => void;
}

function Highlighted({ parts }: { parts: Segment[] }) {
  return (
    <>
      {parts.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

function useCommandItems(query: string, open: boolean): Item[] {
  return useMemo(() => {
    if (!open) return [];
    const { registry } = getServices();
    const commands = registry.list();
    const run = (id: string) => () => void registry.execute(id).catch((err) => notifyError(id, err));
    if (!query.trim()) {
      return commands.map((c) => ({
        key: c.id,
        label: segments(fullTitle(c), []),
        detail: c.keyLabel,
        run: run(c.id),
      }));
    }
    return fuzzysort.go(query, commands, { key: (c) => fullTitle(c), limit: 100 }).map((r) => ({
      key: r.obj.id,
      label: segments(fullTitle(r.obj), r.indexes),
      detail: r.obj.keyLabel,
      run: run(r.obj.id),
    }));
  }, [query, open]);
}

function usePickItems(query: string, pick: Pick | null): Item[] {
  return useMemo(() => {
    if (!pick) return [];
    const toItem = (p: PickItem, indexes: readonly number[] = []): Item => ({
      key: p.label + (p.description ?? ''),
      label: segments(p.label, indexes),
      description: p.description ? segments(p.description, []) : undefined,
      run: p.run,
    });
    if (!query.trim()) return pick.items.map((p) => toItem(p));
    return fuzzysort.go(query, pick.items, { key: 'label' }).map((r) => toItem(r.obj, r.indexes));
  }, [query, pick]);
}

function fileItem(path: string, positions: readonly number[], recent = false): Item {
  const { label, description } = splitPath(path, positions);
  return {
    key: path,
    label,
    description,
    detail: recent ? 'recently opened' : undefined,
    run: () => openFile(path),
  };
}

/** Files for quick open: recently opened ones for an empty query, else the host's ranked matches. */
function useFileItems(query: string, open: boolean): { items: Item[]; status: string } {
  const mru = useTabs((s) => s.mru);
  const [result, setResult] = useState<{ query: string; items: Item[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open || !query.trim()) return;
    let current = true;
    getServices()
      .client.request('workspace/quickOpen', { query: query.trim(), limit: 50 })
      .then(
        (r) => {
          if (!current) return;
          setError(null);
          setResult({ query, items: r.matches.map((m) => fileItem(m.path, m.positions)), total: r.totalFiles });
        },
        (err: unknown) => current && setError(err instanceof Error ? err.message : String(err)),
      );
    return () => {
      current = false;
    };
  }, [query, open]);
  if (!query.trim()) {
    return { items: mru.map((p) => fileItem(p, [], true)), status: mru.length ? '' : 'Type to search for files by name' };
  }
  if (error) return { items: [], status: error };
  if (!result) return { items: [], status: 'Searching…' };
  return { items: result.items, status: result.items.length ? '' : 'No matching results' };
}

/** The palette at the top of the window: quick open (Ctrl+P) and, with a leading '>', commands (Ctrl+Shift+P). */
export function QuickInput() {
  const { open, value, setValue, hide, pick } = useQuickInput();
  const commandsMode = !pick && value.startsWith('>');
  const query = commandsMode ? value.slice(1).trimStart() : value;
  const commandItems = useCommandItems(query, open && commandsMode);
  const files = useFileItems(query, open && !commandsMode && !pick);
  const pickItems = usePickItems(query, pick);
  let items: Item[];
  let status: string;
  if (pick) {
    items = pickItems;
    status = items.length ? '' : 'No matching results';
  } else if (commandsMode) {
    items = commandItems;
    status = items.length ? '' : 'No matching commands';
  } else {
    items = files.items;
    status = files.status;
  }
  const [selected, setSelected] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => setSelected(0), [value]);
  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement;
    inputRef.current?.focus();
  }, [open]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  if (!open) return null;

  const close = (restoreFocus: boolean) => {
    hide();
    if (restoreFocus && returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };
  const accept = (item: Item | undefined) => {
    if (!item) return;
    close(true);
    item.run();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, items.length - 1));
    else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
    else if (e.key === 'PageDown') setSelected((s) => Math.min(s + 10, items.length - 1));
    else if (e.key === 'PageUp') setSelected((s) => Math.max(s - 10, 0));
    else if (e.key === 'Enter') accept(items[selected]);
    else if (e.key === 'Escape') close(true);
    else return;
    e.preventDefault();
  };

  let body: ReactNode;
  if (items.length === 0) body = <div className="quick-input-message">{status}</div>;
  else
    body = items.map((item, i) => (
      <div
        key={item.key}
        className="quick-input-item"
        data-testid="quick-input-item"
        role="option"
        aria-selected={i === selected}
        onMouseMove={() => i !== selected && setSelected(i)}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => accept(item)}
      >
        <span className="quick-input-label">
          <Highlighted parts={item.label} />
        </span>
        {item.description && item.description.length > 0 && (
          <span className="quick-input-description">
            <Highlighted parts={item.description} />
          </span>
        )}
        {item.detail && <span className="quick-input-detail">{item.detail}</span>}
      </div>
    ));

  return (
    <div className="quick-input-backdrop" onMouseDown={() => close(false)}>
      <div className="quick-input" data-testid="quick-input" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={inputRef}
          className="quick-input-box"
          value={value}
          placeholder={pick ? pick.placeholder : commandsMode ? '' : 'Search files by name (type > to run commands)'}
          aria-label={commandsMode ? 'Type the name of a command to run.' : 'Search files by name'}
          spellCheck={false}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => close(false)}
        />
        <div className="quick-input-list" role="listbox" ref={listRef}>
          {body}
        </div>
      </div>
    </div>
  );
}
