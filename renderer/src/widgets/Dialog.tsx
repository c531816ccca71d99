import { useEffect, useRef } from 'react';
import { useDialog } from '../state/dialog';
import { Icon } from '../workbench/icons';

/** The modal question of `useDialog().ask`: Enter picks the primary button, Escape dismisses. */
export function Dialog() {
  const { current, answer } = useDialog();
  const primaryRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (current) primaryRef.current?.focus();
  }, [current]);
  if (!current) return null;
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && answer(null)}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={current.title}
        data-testid="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            answer(null);
          }
        }}
      >
        <div className="dialog-body">
          <Icon name="warning" size={32} className="dialog-icon" />
          <div>
            <div className="dialog-title">{current.title}</div>
            {current.detail && <div className="dialog-detail">{current.detail}</div>}
          </div>
        </div>
        <div className="dialog-buttons">
          {current.buttons.map((b) => (
            <button
              key={b.id}
              ref={b.primary ? primaryRef : undefined}
              className={`button${b.primary ? ' primary' : ' secondary'}${b.danger ? ' danger' : ''}`}
              data-testid={`dialog-${b.id}`}
              onClick={() => answer(b.id)}
            >
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
