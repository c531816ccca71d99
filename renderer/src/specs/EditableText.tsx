import { useEffect, useState } from 'react';

/** A text that commits on Enter or blur when changed; re-synced whenever the document changes it. */
export function EditableText(p: { label: string; value: string; placeholder?: string; readOnly: boolean; multiline?: boolean; className?: string; autoFocus?: boolean; onCommit: (v: string) => void; onBlur?: () => void }) {
  const [draft, setDraft] = useState(p.value);
  useEffect(() => setDraft(p.value), [p.value]);
  const commit = () => {
    if (draft.trim() && draft !== p.value) p.onCommit(draft);
    else setDraft(p.value);
    p.onBlur?.();
  };
  const common = {
    'aria-label': p.label,
    className: `editable ${p.className ?? ''}`,
    value: draft,
    placeholder: p.placeholder,
    readOnly: p.readOnly,
    autoFocus: p.autoFocus,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        (e.target as HTMLElement).blur();
      } else if (e.key === 'Escape') {
        setDraft(p.value);
      }
    },
  };
  return p.multiline ? <textarea rows={1} {...common} /> : <input {...common} />;
}

