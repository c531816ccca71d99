import { useEffect, useRef, useState } from 'react';

/**
 * The text box used in the explorer for new names: Enter or leaving the box commits, Escape cancels, and the
 * problem with the current text (if any) shows under it as in VS Code.
 */
export function InlineInput({
  initial,
  validate,
  onCommit,
  onCancel,
}: {
  initial: string;
  validate: (value: string) => string | null;
  onCommit: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    // Select the name without its extension, as VS Code does on rename.
    const dot = initial.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);
  const problem = value ? validate(value) : null;
  const finish = (commit: boolean) => {
    if (done.current) return;
    if (commit && (problem || !value.trim())) {
      if (!value.trim()) {
        done.current = true;
        onCancel();
      }
      return;
    }
    done.current = true;
    if (commit) onCommit(value.trim());
    else onCancel();
  };
  return (
    <div className="inline-input">
      <input
        ref={ref}
        value={value}
        spellCheck={false}
        data-testid="explorer-input"
        aria-invalid={!!problem}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') finish(true);
          else if (e.key === 'Escape') finish(false);
        }}
        onBlur={() => (problem ? finish(false) : finish(true))}
      />
      {problem && <div className="inline-input-problem">{problem}</div>}
    </div>
  );
}
