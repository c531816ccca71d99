import { useMemo } from 'react';
import { parseDesign } from '../../../specs-schema';
import { useDocText } from './useDocText';

/**
 * design.md: its outline and the requirement references each section validates. The rendered preview (with
 * mermaid) is not built yet; the Markdown view is one click away.
 */
export function DesignPane({ path, onShowMarkdown }: { path: string; onShowMarkdown: () => void }) {
  const text = useDocText(path);
  const doc = useMemo(() => (text === undefined ? undefined : parseDesign(text)), [text]);
  if (!doc) return <div className="editor-loading" aria-busy="true" />;
  return (
    <div className="spec-pane design-pane" data-testid="design-pane">
      <div className="pane-toolbar">
        <span className="pane-summary">Outline — {doc.sections.length} sections</span>
        <button className="button secondary" onClick={onShowMarkdown}>
          Edit Markdown
        </button>
      </div>
      {doc.sections.length === 0 && <p className="pane-empty">This design has no sections yet.</p>}
      <ul className="outline">
        {doc.sections.map((s) => (
          <li key={s.heading.line} style={{ paddingLeft: `${(s.heading.level - 1) * 16}px` }}>
            <span className="outline-title">{s.heading.text}</span>
            {s.refs.flatMap((r) => r.items).map((item, i) => (
              <span key={i} className="chip static">
                {item.raw}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
