import type { SpecSummary } from '../../../protocol';
import { getServices } from '../app/services';
import { useDocuments } from '../state/documents';
import { notifyError } from '../state/notifications';
import { useTabs } from '../state/tabs';
import { useSpecEditors, type SpecDocKind } from './specEditorStore';
import { useSpecs } from './specsStore';
import { isSpecTab, specDirOf, specTabId } from './specTab';

export function specByDir(dir: string): SpecSummary | undefined {
  return useSpecs.getState().specs.find((s) => s.dir === dir);
}

/** The spec's documents in tab order (requirements or bugfix first, then design and tasks). */
export function specDocs(spec: SpecSummary): { kind: SpecDocKind; path: string }[] {
  const out: { kind: SpecDocKind; path: string }[] = [];
  const first = spec.files.requirements ?? spec.files.bugfix;
  if (first) out.push({ kind: 'requirements', path: first });
  if (spec.files.design) out.push({ kind: 'design', path: spec.files.design });
  if (spec.files.tasks) out.push({ kind: 'tasks', path: spec.files.tasks });
  return out;
}

/** Opens (or focuses) the spec editor; its documents load into the document manager like any open file. */
export function openSpec(spec: SpecSummary, doc?: SpecDocKind): void {
  const tab = specTabId(spec.dir);
  useTabs.getState().open(tab);
  const editors = useSpecEditors.getState();
  if (doc) editors.setDoc(tab, doc);
  else if (!editors.editors[tab]) editors.setDoc(tab, spec.workflow === 'design-first' && spec.files.design ? 'design' : (specDocs(spec)[0]?.kind ?? 'tasks'));
  const { documents } = getServices();
  for (const d of specDocs(spec)) void documents.openFile(d.path);
}

/** Ctrl+S in a spec editor saves whichever of its documents have unsaved changes. */
export async function saveSpecTab(tab: string): Promise<boolean> {
  const spec = specByDir(specDirOf(tab));
  if (!spec) return true;
  const { documents } = getServices();
  const docs = useDocuments.getState().docs;
  const dirty = specDocs(spec).filter((d) => docs[d.path]?.dirty);
  const results = await Promise.all(dirty.map((d) => documents.save(d.path)));
  return results.every(Boolean);
}

/** Unsaved edits in any of the spec's documents (the tab shows the dirty dot; closing asks). */
export function isSpecTabDirty(tab: string): boolean {
  const spec = specByDir(specDirOf(tab));
  if (!spec) return false;
  const docs = useDocuments.getState().docs;
  return specDocs(spec).some((d) => docs[d.path]?.dirty);
}

/**
 * After the spec tab closed (the user already chose Save or Don't Save): its documents are released, unless a
 * file tab still shows one of them.
 */
export function closeSpecTab(tab: string): void {
  const spec = specByDir(specDirOf(tab));
  if (!spec) return;
  const tabs = useTabs.getState().tabs;
  const { documents } = getServices();
  for (const d of specDocs(spec)) if (!tabs.includes(d.path)) documents.close(d.path);
}

export async function createSpecFromUi(name: string, type: SpecSummary['type'], workflow: SpecSummary['workflow']): Promise<SpecSummary | undefined> {
  try {
    const spec = await getServices().client.request('spec/create', { name, type, workflow });
    // Show it at once; the watcher's event brings the authoritative list shortly after.
    const specs = useSpecs.getState().specs.filter((s) => s.dir !== spec.dir);
    useSpecs.getState().set({ specs: [...specs, spec].sort((a, b) => (a.dir < b.dir ? -1 : 1)) });
    openSpec(spec);
    return spec;
  } catch (err) {
    notifyError(`Could not create the spec ${name}`, err);
    return undefined;
  }
}

export { isSpecTab };
