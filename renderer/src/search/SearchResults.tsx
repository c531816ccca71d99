import { memo, useEffect, useMemo, useRef } from 'react';
import type { previewReplacement } from './previewReplace';
import type { FileMatches } from '../../../protocol';
import { notifyError } from '../state/notifications';
import { Icon } from '../workbench/icons';
import { MatchPreview } from './MatchPreview';
import { openMatch } from './openMatch';
import { ReplaceIcon } from './SearchIcon';
import { replace } from './searchController';
import { stepCursor, useSearch } from './searchStore';

function splitPath(path: string) {
  const slash = path.lastIndexOf('/');
  return { name: path.slice(slash + 1), dir: slash > 0 ? path.slice(0, slash) : '' };
}

function open(path: string, line: number, start: number, end: number) {
  openMatch(path, line, start, end).catch((err: unknown) => notifyError('Open match', err));
}

function replaceIn(targets: Parameters<typeof replace>[0]) {
  replace(targets).catch((err: unknown) => notifyError('Replace', err));
}

/** Up/Down move through the matches, Enter opens the selected one in its editor (focus goes there). */
function onResultsKey(e: React.KeyboardEvent) {
  const { files, cursor, set } = useSearch.getState();
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    set({ cursor: stepCursor(files, cursor, e.key === 'ArrowDown' ? 1 : -1) });
  } else if (e.key === 'Enter' && cursor) {
    e.preventDefault();
    const line = files[cursor.file]?.lines[cursor.line];
    const range = line?.ranges[cursor.range];
    if (line && range) open(files[cursor.file]!.path, line.line, range.start, range.end);
  }
}

/**
 * Results grouped by file: name, folder and match count, then one row per matching line. Each file group is
 * memoised, so a new batch of results renders only the new files — a large result streams in without the earlier
 * rows being redrawn each time.
 */
export function SearchResults() {
  const files = useSearch((s) => s.files);
  const collapsed = useSearch((s) => s.collapsed);
  const cursor = useSearch((s) => s.cursor);
  const showReplace = useSearch((s) => s.showReplace);
  const replacement = useSearch((s) => s.replacement);
  const pattern = useSearch((s) => s.pattern);
  const isRegex = useSearch((s) => s.isRegex);
  const matchCase = useSearch((s) => s.matchCase);
  const wholeWord = useSearch((s) => s.wholeWord);
  // One object per change of the inputs, so the memoised file groups redraw only when the preview would differ.
  const replacing = useMemo(
    () => (showReplace && replacement !== '' ? { pattern, isRegex, matchCase, wholeWord, replacement } : undefined),
    [showReplace, replacement, pattern, isRegex, matchCase, wholeWord],
  );
  return (
    <div
      className="search-results"
      role="tree"
      aria-label="Search results"
      data-testid="search-results"
      tabIndex={0}
      onKeyDown={onResultsKey}
    >
      {files.map((file, fi) => (
        <FileGroup
          key={file.path}
          file={file}
          index={fi}
          collapsed={!!collapsed[file.path]}
          selectedLine={cursor?.file === fi ? cursor.line : -1}
          selectedRange={cursor?.file === fi ? cursor.range : 0}
          showReplace={showReplace}
          replacing={replacing}
        />
      ))}
    </div>
  );
}

interface FileGroupProps {
  file: FileMatches;
  index: number;
  collapsed: boolean;
  selectedLine: number;
  selectedRange: number;
  showReplace: boolean;
  replacing: Parameters<typeof previewReplacement>[1] | undefined;
}

const FileGroup = memo(function FileGroup({ file, index, collapsed, selectedLine, selectedRange, showReplace, replacing }: FileGroupProps) {
  const { name, dir } = splitPath(file.path);
  const count = file.lines.reduce((n, l) => n + l.ranges.length, 0);
  const selectedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedLine >= 0) selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedLine, selectedRange]);
  const set = useSearch.getState().set;
  const toggle = () => {
    const c = useSearch.getState().collapsed;
    set({ collapsed: { ...c, [file.path]: !c[file.path] } });
  };
  return (
    <div role="group" className="search-file-group">
      <div
        role="treeitem"
        aria-expanded={!collapsed}
        className="search-file"
        data-testid="search-file"
        data-path={file.path}
        title={file.path}
        onClick={toggle}
      >
        <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} size={16} />
        <span className="search-file-name">{name}</span>
        <span className="search-file-dir">{dir}</span>
        {showReplace && (
          <>
            <button
              className="search-row-action"
              title="Preview Replace in File"
              aria-label={`Preview replace in ${file.path}`}
              onClick={(e) => {
                e.stopPropagation();
                set({ preview: { scope: file.path } });
              }}
            >
              <Icon name="compare" size={14} />
            </button>
            <button
              className="search-row-action"
              title="Replace All in File"
              aria-label={`Replace all in ${file.path}`}
              onClick={(e) => {
                e.stopPropagation();
                replaceIn([{ path: file.path }]);
              }}
            >
              <ReplaceIcon all />
            </button>
          </>
        )}
        <span className="search-count" aria-label={`${count} matches`}>
          {count}
        </span>
      </div>
      {!collapsed &&
        file.lines.map((line, li) => {
          const selected = selectedLine === li;
          const range = line.ranges[selected ? selectedRange : 0] ?? { start: 0, end: 0 };
          return (
            <div
              key={line.line}
              ref={selected ? selectedRef : undefined}
              role="treeitem"
              aria-selected={selected}
              className={`search-line${selected ? ' selected' : ''}`}
              data-testid="search-line"
              title={`${file.path}:${line.line}`}
              onClick={() => {
                set({ cursor: { file: index, line: li, range: 0 } });
                // With a replacement typed, a click shows what the replace would do to this file (as VS Code does).
                if (replacing !== undefined) set({ preview: { scope: file.path } });
                else open(file.path, line.line, range.start, range.end);
              }}
            >
              <span className="search-line-number">{line.line}</span>
              <MatchPreview line={line} replacing={replacing} />
              {showReplace && (
                <button
                  className="search-row-action"
                  title="Replace"
                  aria-label={`Replace in line ${line.line}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    replaceIn([{ path: file.path, only: line.ranges.map((r) => ({ line: line.line, column: r.start })) }]);
                  }}
                >
                  <ReplaceIcon />
                </button>
              )}
            </div>
          );
        })}
    </div>
  );
});
