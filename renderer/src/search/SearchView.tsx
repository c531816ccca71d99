import { useEffect, useRef } from 'react';
import { Icon } from '../workbench/icons';
import { MAX_RESULTS, runSearch, scheduleSearch, undoReplace } from './searchController';
import { ReplacePreview } from './ReplacePreview';
import { SearchResults } from './SearchResults';
import { countMatches, useSearch, type SearchInputs } from './searchStore';
import './search.css';

/** Focus requests from Ctrl/Cmd+Shift+F, which may arrive before the view is mounted. */
let focusWanted = false;
const focusListeners = new Set<() => void>();
export function focusSearchInput(): void {
  focusWanted = true;
  focusListeners.forEach((l) => l());
}

type TextField = 'pattern' | 'replacement' | 'include' | 'exclude';
type Toggle = 'matchCase' | 'wholeWord' | 'isRegex' | 'useIgnoreFiles';

function setInput(patch: Partial<SearchInputs>, search = true) {
  useSearch.getState().set(patch);
  if (search) scheduleSearch();
}

function ToggleButton({ field, label, title }: { field: Toggle; label: string; title: string }) {
  const on = useSearch((s) => s[field]);
  return (
    <button
      className={`search-toggle${on ? ' on' : ''}`}
      title={title}
      aria-label={title}
      aria-pressed={on}
      onClick={() => setInput({ [field]: !on })}
    >
      {label}
    </button>
  );
}

function Field({ field, label, placeholder, search = true }: { field: TextField; label: string; placeholder: string; search?: boolean }) {
  const value = useSearch((s) => s[field]);
  return (
    <input
      className="search-input"
      aria-label={label}
      placeholder={placeholder}
      spellCheck={false}
      value={value}
      onChange={(e) => setInput({ [field]: e.target.value }, search)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && search) void runSearch();
        // Down from the query moves into the results, as in VS Code.
        if (e.key === 'ArrowDown' && field === 'pattern') {
          const results = document.querySelector<HTMLElement>('[data-testid="search-results"]');
          if (results && useSearch.getState().files.length > 0) {
            e.preventDefault();
            results.focus();
            useSearch.getState().set({ cursor: { file: 0, line: 0, range: 0 } });
          }
        }
      }}
    />
  );
}

export function SearchView() {
  const s = useSearch();
  const patternRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const focus = () => {
      if (!focusWanted) return;
      const input = patternRef.current?.querySelector('input');
      if (!input) return;
      focusWanted = false;
      input.focus();
      input.select();
    };
    focusListeners.add(focus);
    focus();
    return () => void focusListeners.delete(focus);
  }, []);

  const hasResults = s.files.length > 0;
  return (
    <div className="search-view" data-testid="search-view">
      <div className="search-form">
        <div className="search-row">
          <button
            className="search-expander"
            title="Toggle Replace"
            aria-label="Toggle Replace"
            aria-expanded={s.showReplace}
            onClick={() => s.set({ showReplace: !s.showReplace })}
          >
            <Icon name={s.showReplace ? 'chevronDown' : 'chevronRight'} size={16} />
          </button>
          <div className="search-fields">
            <div className={`search-box${s.error ? ' invalid' : ''}`} ref={patternRef}>
              <Field field="pattern" label="Search" placeholder="Search" />
              <ToggleButton field="matchCase" label="Aa" title="Match Case" />
              <ToggleButton field="wholeWord" label="ab" title="Match Whole Word" />
              <ToggleButton field="isRegex" label=".*" title="Use Regular Expression" />
            </div>
            {s.error && (
              <div className="search-error" role="alert" data-testid="search-error">
                {s.error}
              </div>
            )}
            {s.showReplace && (
              <div className="search-box-row">
                <div className="search-box">
                  <Field field="replacement" label="Replace" placeholder="Replace" search={false} />
                </div>
                <button
                  className="search-action"
                  title="Replace All…"
                  aria-label="Replace All"
                  disabled={!hasResults || s.searching}
                  onClick={() => s.set({ preview: { scope: 'all' } })}
                >
                  Replace All…
                </button>
              </div>
            )}
          </div>
        </div>
        <div className="search-details-toggle">
          <button
            className="search-link"
            aria-expanded={s.showDetails}
            onClick={() => s.set({ showDetails: !s.showDetails })}
          >
            {s.showDetails ? 'Hide search details' : 'Files to include / exclude…'}
          </button>
        </div>
        {s.showDetails && (
          <div className="search-details">
            <label>
              <span>files to include</span>
              <div className="search-box">
                <Field field="include" label="files to include" placeholder="e.g. *.ts, src/**" />
              </div>
            </label>
            <label>
              <span>files to exclude</span>
              <div className="search-box">
                <Field field="exclude" label="files to exclude" placeholder="e.g. *.test.ts, dist" />
              </div>
            </label>
            <label className="search-check">
              <input type="checkbox" checked={s.useIgnoreFiles} onChange={(e) => setInput({ useIgnoreFiles: e.target.checked })} />
              <span>Skip files in .gitignore and .kiroignore</span>
            </label>
          </div>
        )}
      </div>
      <SearchMessage />
      {s.lastReplace && (
        <div className="search-undo" data-testid="search-undo">
          <span>{s.lastReplace.summary}.</span>
          <button className="search-link" onClick={() => void undoReplace()}>
            Undo
          </button>
        </div>
      )}
      <SearchResults />
      {s.preview && <ReplacePreview />}
    </div>
  );
}

function plural(n: number, word: string) {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** One line under the form: progress, counts, the cap notice and what was skipped. */
function SearchMessage() {
  const { summary, searching, pattern, error, include, exclude, useIgnoreFiles, files } = useSearch();
  if (!pattern || error) return null;
  const lines: string[] = [];
  // Counted from what is shown: unsaved editors are searched in their text, so the main side's count can differ.
  const matches = countMatches(files);
  if (matches > 0) lines.push(`${plural(matches, 'result')} in ${plural(files.length, 'file')}`);
  else if (summary && !searching && !summary.cancelled) {
    const filters = [include && 'files to include', exclude && 'files to exclude', useIgnoreFiles && 'ignore files'].filter(Boolean);
    lines.push(`No results found.${filters.length ? ` Check ${filters.join(', ')}.` : ''}`);
  }
  const skipped = [
    summary?.binarySkipped ? plural(summary.binarySkipped, 'binary file') : '',
    summary?.hugeLinesSkipped ? plural(summary.hugeLinesSkipped, 'very long line') : '',
  ].filter(Boolean);
  return (
    <div className="search-message" aria-live="polite" data-testid="search-message">
      {searching && <div className="search-progress" aria-label="Searching" />}
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {summary?.limitHit && (
        <div className="search-limit" data-testid="search-limit">
          More results exist: only the first {MAX_RESULTS.toLocaleString('en-US')} are shown. Narrow the search to see
          the rest.
        </div>
      )}
      {skipped.length > 0 && <div className="search-skipped">Skipped {skipped.join(' and ')}.</div>}
    </div>
  );
}
