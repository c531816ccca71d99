import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal in the workbench's dialog style (widgets/Dialog.tsx) with room for content: a diff, a command list, an
 * editable command. It is a native `<dialog>` opened with `showModal()`, so it sits in the browser's top layer:
 * above anything any page content can draw (whatever its z-index or position), with the rest of the page inert —
 * the place for consent questions. Escape calls `onDismiss`; focus moves into the dialog when it opens.
 */
export function Modal(props: { title: string; testId: string; wide?: boolean; onDismiss: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Before paint: a <dialog> not yet shown modally would flash in the page's flow.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog;
    first.focus();
    return () => dialog.close();
  }, [props.testId]);
  return (
    <dialog
      ref={ref}
      tabIndex={-1}
      className={`dialog trust-dialog${props.wide ? ' wide' : ''}`}
      aria-label={props.title}
      data-testid={props.testId}
      // Escape (or any other close request): the owner decides — it unmounts the dialog, or keeps it.
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        props.onDismiss();
      }}
      onCancel={(e) => {
        e.preventDefault();
        props.onDismiss();
      }}
    >
      <div className="dialog-title">{props.title}</div>
      {props.children}
    </dialog>
  );
}
