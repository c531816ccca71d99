// Spec from a prompt: the planner writes a spec phase by phase, each approved in the spec editor (issue #7 item 4).
import { registerSpecEditorBar } from '../specs/editorBars';
import { registerCommands, registerStatusItem } from '../workbench/contributions';
import { SpecPhaseBar, SpecWriterStatus } from './PhaseBarHost';
import { phaseBarExplainsReadOnly, streamIntoEditor } from './streamIntoEditor';
import { connectSpecWriter, useSpecWriter } from './specWriterStore';

registerStatusItem({ id: 'spec-writer', align: 'left', order: 25, component: SpecWriterStatus });
registerSpecEditorBar({ id: 'spec-writer', component: SpecPhaseBar, explainsReadOnly: phaseBarExplainsReadOnly });

registerCommands((register, services) => {
  connectSpecWriter(services.client);
  streamIntoEditor(services.documents);
  register({
    id: 'keel.specwriter.newFromPrompt',
    category: 'Keel',
    title: 'New Spec from Prompt…',
    run: () => useSpecWriter.getState().setDialog(true),
  });
});
