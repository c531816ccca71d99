import { useEffect, useState } from 'react';
import { getServices } from '../app/services';
import { useDocuments } from '../state/documents';
import type { EditResult } from '../../../specs-schema';
import { applyEdit, type EditableModel } from './docEdits';

/**
 * The live text of an open document (the document manager's buffer, shared with the raw editor); undefined while
 * it loads. Re-renders on every change, whichever view made it.
 */
export function useDocText(path: string | undefined): string | undefined {
  const status = useDocuments((s) => (path ? s.docs[path]?.status : undefined));
  const [, bump] = useState(0);
  const buffer = path && status === 'ready' ? getServices().documents.buffer(path) : undefined;
  useEffect(() => {
    if (!buffer) return;
    return buffer.onDidChange(() => bump((n) => n + 1));
  }, [buffer]);
  return buffer?.getText();
}

/** Applies a specs-schema edit to the document's buffer; false when it was refused or nothing changed. */
export function editDoc(path: string, basedOn: string, result: EditResult): boolean {
  const buffer = getServices().documents.buffer(path);
  if (!buffer) return false;
  return applyEdit(buffer.handle as EditableModel, basedOn, result);
}
