import { lazy } from 'react';
import type { Services } from '../app/services';
import { useDocuments } from '../state/documents';
import { useLayout } from '../state/layout';
import { registerCommands, registerEditor, registerSideView } from '../workbench/contributions';
import { startDrift } from './driftStore';
import { closeSpecTab, isSpecTabDirty, saveSpecTab } from './specActions';
import { SpecsIcon } from './SpecsIcon';
import { SpecsView } from './SpecsView';
import { specDirOf } from './specTab';

// The spec editor (and specs-schema with it) loads with the first spec opened.
const SpecEditor = lazy(() => import('./SpecEditor').then((m) => ({ default: m.SpecEditor })));

registerSideView({ id: 'specs', title: 'Specs', icon: SpecsIcon, order: 40, commandId: 'kiro.specs.show', component: SpecsView });

registerEditor({
  scheme: 'spec',
  component: SpecEditor,
  title: (tab) => specDirOf(tab).split('/').pop() ?? specDirOf(tab),
  description: (tab) => `Spec ${specDirOf(tab)}`,
  isDirty: isSpecTabDirty,
  save: saveSpecTab,
  onClose: closeSpecTab,
});

registerCommands((register, services) => {
  register({
    id: 'kiro.specs.show',
    category: 'View',
    title: 'Show Specs',
    inTerminal: true,
    run: () => useLayout.getState().showSideView('specs'),
  });
  startWithFirstSpecDocument(services);
  // Drift is computed in the main process; the store follows it so the Problems panel lists it from the start.
  startDrift(services.client);
});

const SPEC_DOC = /(^|\/)\.kiro\/specs\/.+\.md$/;

/** Markers, problems and tasks.md's lens start once a spec document is open (in any tab), loading their code then. */
function startWithFirstSpecDocument(services: Services): void {
  const check = (docs: ReturnType<typeof useDocuments.getState>['docs']) => Object.values(docs).some((d) => d.status === 'ready' && SPEC_DOC.test(d.path));
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    unsubscribe();
    void import('./specSupport').then((m) => m.startSpecSupport(services));
  };
  const unsubscribe = useDocuments.subscribe((s) => {
    if (check(s.docs)) start();
  });
  if (check(useDocuments.getState().docs)) start();
}
