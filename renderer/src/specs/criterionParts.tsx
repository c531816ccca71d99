import { useState } from 'react';
import type { Diagnostic } from '../../../specs-schema';

/** What the Requirements tab's panes (feature and bugfix) get from the spec editor. */
export interface RequirementsPaneProps {
  tab: string;
  path: string;
  tasksPath?: string;
  designPath?: string;
  readOnly: boolean;
  /** The spec's diagnostics for this file (parse, EARS lint, traceability). */
  diagnostics?: Diagnostic[];
}

/** Problems listed under a criterion or requirement. */
export function Problems({ list }: { list: Diagnostic[] }) {
  if (list.length === 0) return null;
  return (
    <ul className="problems">
      {list.map((d, i) => (
        <li key={i} className={`problem ${d.severity}`} data-testid="criterion-problem">
          {d.message}
        </li>
      ))}
    </ul>
  );
}

/** The input under a list of criteria; Enter adds one. */
export function AddCriterion({ onAdd, placeholder }: { onAdd: (text: string) => void; placeholder?: string }) {
  const [value, setValue] = useState('');
  return (
    <form
      className="add-criterion"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return;
        onAdd(value);
        setValue('');
      }}
    >
      <input aria-label="New acceptance criterion" placeholder={placeholder ?? 'Add a criterion: WHEN …, THE system SHALL …'} value={value} onChange={(e) => setValue(e.target.value)} />
    </form>
  );
}

