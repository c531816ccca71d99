import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal in the workbench's dialog style (widgets/Dialog.tsx) with room for content: a diff, a command list, an
 * editable command. Escape calls `onDismiss`; focus moves into the dialog when it opens.
 */
export function Modal(props: { title: string; testId: string; wide?: boolean; onDismiss: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current;
    first?.focus();
  }, [props.testId]);
  return (
    <div className="dialog-backdrop trust-backdrop">
      <div
        ref={ref}
        tabIndex={-1}
        className={`dialog trust-dialog${props.wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onDismiss();
          }
        }}
      >
        <div className="dialog-title">{props.title}</div>
        {props.children}
      </div>
    </div>
  );
}
