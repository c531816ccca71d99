/**
 * One entry point for any Kiro file: `parseFile(path, text)` picks the parser from the path, `serializeFile` gives
 * the text back byte for byte, `fileStats` gives the counts `keel spec stats` prints.
 */
import { fileKind, type FileKind } from './file-kind';
import type { Diagnostic } from './diagnostics';
import { parseDesign, type DesignDoc } from './design/parse-design';
import { parseHookFile, type HookFileDoc } from './json/hook-any-file';
import { parseMcp, type McpDoc } from './json/mcp-file';
import { parseSpecConfig, type SpecConfigDoc } from './json/spec-config-file';
import { parseBugfix, type BugfixDoc } from './requirements/parse-bugfix';
import { countCriteria, parseRequirements, type RequirementsDoc } from './requirements/parse-requirements';
import { parseSteering, type SteeringDoc } from './steering/parse-steering';
import { countTasks, parseTasks, type TaskCounts, type TasksDoc } from './tasks/parse-tasks';
import { parseTasksMeta, type TasksMetaDoc } from './tasks/tasks-meta';
import { joinLines, splitLines, type SourceLine } from './text/lines';

export interface OtherDoc {
  kind: 'other';
  lines: SourceLine[];
  diagnostics: Diagnostic[];
}

export type KiroDoc = RequirementsDoc | DesignDoc | TasksDoc | BugfixDoc | SteeringDoc | HookFileDoc | McpDoc | SpecConfigDoc | TasksMetaDoc | OtherDoc;

export function parseFile(path: string, text: string, kind: FileKind = fileKind(path)): KiroDoc {
  switch (kind) {
    case 'requirements':
      return parseRequirements(text);
    case 'design':
      return parseDesign(text);
    case 'tasks':
      return parseTasks(text);
    case 'bugfix':
      return parseBugfix(text);
    case 'steering':
      return parseSteering(text, 'steering');
    case 'agents':
      return parseSteering(text, 'agents');
    case 'hook':
      return parseHookFile(text);
    case 'mcp':
      return parseMcp(text);
    case 'config':
      return parseSpecConfig(text);
    case 'tasks-meta':
      return parseTasksMeta(text);
    default:
      return { kind: 'other', lines: splitLines(text), diagnostics: [] };
  }
}

export function serializeFile(doc: KiroDoc): string {
  return 'json' in doc ? doc.json.text : joinLines(doc.lines);
}

/** The object `keel spec stats --json` prints for one file. */
export interface FileStats {
  file: string;
  kind: FileKind;
  requirements?: number;
  criteria?: number;
  tasks?: TaskCounts;
  /** Waves in the task dependency graph at the end of tasks.md. */
  waves?: number;
  /** tasks.meta.json: tasks with a property-test result, and runs recorded. */
  pbtResults?: number;
  executions?: number;
  hookEvent?: string;
}

export function fileStats(path: string, text: string): FileStats {
  const kind = fileKind(path);
  const doc = parseFile(path, text, kind);
  const stats: FileStats = { file: path, kind };
  if (doc.kind === 'requirements' || doc.kind === 'bugfix') {
    stats.requirements = doc.requirements.length;
    stats.criteria = countCriteria(doc);
  } else if (doc.kind === 'tasks') {
    stats.tasks = countTasks(doc);
    if (doc.graph) stats.waves = doc.graph.waves.length;
  } else if (doc.kind === 'tasks-meta') {
    stats.pbtResults = doc.pbtResults.size;
    stats.executions = [...doc.executionHistory.values()].reduce((n, runs) => n + runs.length, 0);
  } else if (doc.kind === 'hook' && doc.event !== undefined) {
    stats.hookEvent = doc.event;
  }
  return stats;
}
