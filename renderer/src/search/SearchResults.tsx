import { useEffect, useRef } from 'react';
import type { FileMatches, ReplaceTarget } from '../../../protocol';
import { Icon } from '../workbench/icons';
import { MatchPreview } from './MatchPreview';
import { useSearch } from './searchStore';

interface Props {
  onOpen(path: string, line: number, start: number, end: number): void;
  onReplace(targets: ReplaceTarget[]): void;
  onPreview(path: string): void;
}

function splitPath(path: string) {
  const slash = path.lastIndexOf('/');
  return { name: path.slice(slash + 1), dir: slash > 0 ? path.slice(0, slash) : '' };
}

/** Results grouped by file: name, folder and match count, then one row per matching line. */
export function SearchResults({ onOpen, onReplace, onPreview }: Props) {
  const { files, collapsed, cursor, showReplace, replacement, set } = useSearch();
  const selectedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  const replacing = showReplace && replacement !== '' ? replacement : undefined;

  return (
    <div className="search-results" role="tree" aria-label="Search results" data-testid="search-results">
      {files.map((file, fi) => (
        <FileGroup
          key={file.path}
          file={file}
          collapsed={!!collapsed[file.path]}
          onToggle={() => set({ collapsed: { ...collapsed, [file.path]: !collapsed[file.path] } })}
          showReplace={showReplace}
          onPreview={() => onPreview(file.path)}
          onReplaceFile={() => onReplace([{ path: file.path }])}
        >
          {file.lines.map((line, li) => {
            const selected = cursor?.file === fi && cursor.line === li;
            const range = line.ranges[selected ? cursor.range : 0] ?? { start: 0, end: 0 };
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
                  set({ cursor: { file: fi, line: li, range: 0 } });
                  if (showReplace && replacing !== undefined) onPreview(file.path);
                  else onOpen(file.path, line.line, range.start, range.end);
                }}
              >
                <span className="search-line-number">{line.line}</span>
                <MatchPreview line={line} replacement={replacing} />
                {showReplace && (
                  <button
                    className="search-row-action"
                    title="Replace"
                    aria-label={`Replace in line ${line.line}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onReplace([{ path: file.path, only: line.ranges.map((r) => ({ line: line.line, column: r.start })) }]);
                    }}
                  >
                    <Icon name="file" size={14} />
                  </button>
                )}
              </div>
            );
          })}
        </FileGroup>
      ))}
    </div>
  );
}

function FileGroup(props: {
  file: FileMatches;
  collapsed: boolean;
  onToggle(): void;
  showReplace: boolean;
  onPreview(): void;
  onReplaceFile(): void;
  children: React.ReactNode;
}) {
  const { file, collapsed, onToggle, showReplace } = props;
  const { name, dir } = splitPath(file.path);
  const count = file.lines.reduce((n, l) => n + l.ranges.length, 0);
  return (
    <div role="group" className="search-file-group">
      <div
        role="treeitem"
        aria-expanded={!collapsed}
        className="search-file"
        data-testid="search-file"
        data-path={file.path}
        title={file.path}
        onClick={onToggle}
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
                props.onPreview();
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
                props.onReplaceFile();
              }}
            >
              <Icon name="file" size={14} />
            </button>
          </>
        )}
        <span className="search-count" aria-label={`${count} matches`}>
          {count}
        </span>
      </div>
      {!collapsed && props.children}
    </div>
  );
}
