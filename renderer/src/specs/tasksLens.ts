/**
 * Monaco providers for `.kiro/specs/<spec>/tasks.md` in any editor (plain tab or the spec's Markdown view): the code
 * lens and hover of tasksLensModel. Registered once, after Monaco has loaded for a spec document.
 */
import type * as Monaco from 'monaco-editor';
import { parseBugfix, parseRequirements } from '../../../specs-schema';
import type { Services } from '../app/services';
import { loadMonaco } from '../editor/monacoLoader';
import { START_TASK, hasCommand, runTaskCommand } from './taskCommands';
import { parseTasks, taskAt, taskHover, taskLenses } from './tasksLensModel';

const TASKS = /^(.*\/\.kiro\/specs\/.+)\/tasks\.md$/;
const LENS_COMMAND = 'keel.specs.lensStartTask';

/** The spec folder of a tasks.md model (workspace-relative), or undefined for any other file. */
export function specDirOfTasks(modelPath: string): string | undefined {
  return TASKS.exec(`/${modelPath.replace(/^\/+/, '')}`)?.[1]?.slice(1);
}

let registered = false;

export async function registerTasksLens({ registry, documents }: Pick<Services, 'registry' | 'documents'>): Promise<void> {
  if (registered) return;
  registered = true;
  const { monaco } = await loadMonaco();
  monaco.editor.registerCommand(LENS_COMMAND, (_accessor, specDir: string, taskId: string) => void runTaskCommand(START_TASK, { specDir, taskId }));
  const changed = new monaco.Emitter<Monaco.languages.CodeLensProvider>();
  // Start task appears or disappears with the task runner's command.
  registry.onChange(() => changed.fire(provider));
  const provider: Monaco.languages.CodeLensProvider = {
    onDidChange: changed.event,
    provideCodeLenses(model) {
      const specDir = specDirOfTasks(model.uri.path);
      if (!specDir) return { lenses: [], dispose() {} };
      const canStart = hasCommand(START_TASK);
      const lenses = taskLenses(parseTasks(model.getValue()), canStart).map((l) => ({
        range: { startLineNumber: l.line, startColumn: 1, endLineNumber: l.line, endColumn: 1 },
        command: l.start ? { id: LENS_COMMAND, title: l.title, arguments: [specDir, l.taskKey] } : { id: '', title: l.title },
      }));
      return { lenses, dispose() {} };
    },
  };
  monaco.languages.registerCodeLensProvider('markdown', provider);
  monaco.languages.registerHoverProvider('markdown', {
    provideHover(model, position) {
      const specDir = specDirOfTasks(model.uri.path);
      if (!specDir) return null;
      const task = taskAt(parseTasks(model.getValue()), position.lineNumber - 1);
      if (!task) return null;
      return {
        range: { startLineNumber: position.lineNumber, startColumn: 1, endLineNumber: position.lineNumber, endColumn: model.getLineMaxColumn(position.lineNumber) },
        contents: [{ value: taskHover(task, criteriaOf(specDir)) }],
      };
    },
  });

  /** Criterion texts of the spec's requirements (or bugfix) document when it is open. */
  function criteriaOf(specDir: string): Map<string, string> {
    for (const name of ['requirements.md', 'bugfix.md']) {
      const text = documents.buffer(`${specDir}/${name}`)?.getText();
      if (text === undefined) continue;
      const doc = name === 'bugfix.md' ? parseBugfix(text) : parseRequirements(text);
      return new Map(doc.requirements.flatMap((r) => [[r.id, r.title] as const, ...r.criteria.map((c) => [c.id, c.text] as const)]));
    }
    return new Map();
  }
}
