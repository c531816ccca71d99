/**
 * specs-schema — the lossless, browser-safe model of Kiro project files that the renderer panes, the agent and the
 * CLI share. Rules that hold for every export:
 *  - parse functions never throw; problems are `Diagnostic`s (0-based line/column) on the returned document;
 *  - `serializeFile(parseFile(path, text)) === text` for every input (each document keeps its original lines/text);
 *  - edit functions return an `EditResult` {text, changes, diagnostics}: the new text plus the minimal offset
 *    changes against the old one; a refused edit returns the old text, no changes and an error diagnostic.
 */

// Shared types
export type { Diagnostic, DiagnosticFix, Severity } from './diagnostics';
export { hasErrors } from './diagnostics';
export type { EditResult, TextChange } from './text/edits';
export { applyChanges } from './text/edits';
export type { Eol, SourceLine } from './text/lines';
export type { Heading } from './text/markdown-scan';
export type { RefItem, RefList } from './refs';

// Any file
export { fileKind, type FileKind } from './file-kind';
export { fileStats, parseFile, serializeFile, type FileStats, type KiroDoc, type OtherDoc } from './parse-file';
export { checkFiles, type SourceFile } from './check';

// tasks.md
export { countTasks, findTask, parentOf, parseTasks, serializeTasks, type Task, type TaskCounts, type TaskState, type TasksDoc } from './tasks/parse-tasks';
export { parseTaskGraph, waveIndexOf, type TaskGraph, type TaskWave } from './tasks/task-graph';
export { appendTaskExecution, metaFor, parseTasksMeta, taskMetaKey, type PbtResult, type TaskExecution, type TasksMetaDoc } from './tasks/tasks-meta';
export {
  addTask,
  indentTask,
  moveTask,
  outdentTask,
  removeTask,
  setTaskDetails,
  setTaskOptional,
  setTaskRequirements,
  setTaskState,
  setTaskTitle,
  type NewTask,
} from './tasks/edit-tasks';

// requirements.md / bugfix.md / design.md
export { countCriteria, findRequirement, parseRequirements, serializeRequirements, type Criterion, type Requirement, type RequirementsDoc, type UserStory } from './requirements/parse-requirements';
export { parseBugfix, serializeBugfix, type BugfixDoc, type BugfixSectionKind } from './requirements/parse-bugfix';
export {
  addCriterion,
  addRequirement,
  removeCriterion,
  removeRequirement,
  setCriterionText,
  setRequirementTitle,
  setUserStory,
  type NewRequirement,
  type RequirementEditResult,
} from './requirements/edit-requirements';
export { moveRequirement } from './requirements/move-requirement';
export { addBugfixCriterion, bugfixSections, removeBugfixCriterion, type BugfixBehaviour, type BugfixSection } from './requirements/edit-bugfix';
export { mapId, renumberDesignRefs, renumberTaskRefs, type IdMap } from './renumber-refs';
export { parseDesign, serializeDesign, type DesignDoc, type DesignSection } from './design/parse-design';

// Custom agents (.kiro/agents/*.md), skills (.kiro/skills), powers (.kiro/powers)
export * from './agents';

// Steering and AGENTS.md
export { parseSteering, serializeSteering, splitPatternList, type FileRef, type FrontMatter, type SteeringDoc } from './steering/parse-steering';
export { setSteeringFrontMatter, type SteeringFrontMatterPatch } from './steering/edit-steering';

// JSON files: hooks, mcp.json, .config.kiro
export { parseJsonDoc, setJsonValue, type JsonDoc } from './json/json-doc';
export { createHookText, editHook, parseHook, serializeHook, type HookDoc } from './json/hook-file';
export { parseHookFile, triggerOfEvent, type HookEntry, type HookEntryAction, type HookFileDoc, type HookFormat } from './json/hook-any-file';
export { createHookV1Text, editHookV1, globsToRegex, upgradeLegacyHook } from './json/hook-v1-file';
export { parseMcp, removeMcpServer, serializeMcp, setMcpServer, setMcpServerDisabled, type McpDoc, type McpServerEntry } from './json/mcp-file';
export { parseSpecConfig, serializeSpecConfig, setSpecWorkflow, type SpecConfigDoc } from './json/spec-config-file';

// Schemas (zod) and their JSON Schema export
export { FILE_EVENTS, HOOK_EVENTS, HookSchema, HookThenSchema, HookWhenSchema, LEGACY_HOOK_EVENTS, TOOL_EVENTS, type Hook, type HookEvent, type HookThen, type HookWhen } from './schemas/hook-schema';
export { FILE_TRIGGERS, HOOK_TRIGGERS, HookV1ActionSchema, HookV1FileSchema, HookV1Schema, TOOL_TRIGGERS, TRIGGER_OF_EVENT, type HookV1, type HookV1Action, type HookV1Trigger } from './schemas/hook-v1-schema';
export { KEEL_TOOLS, kiroNamesOfCategory, toolAliases, type ToolNames } from './schemas/kiro-tools';
export { McpConfigSchema, McpLocalServerSchema, McpRemoteServerSchema, McpServerSchema, type McpConfig, type McpServer } from './schemas/mcp-schema';
export { STEERING_INCLUSIONS, SteeringFrontMatterSchema, type SteeringFrontMatter, type SteeringInclusion } from './schemas/steering-schema';
export { KIRO_WORKFLOW_TYPES, SPEC_TYPES, SPEC_WORKFLOWS, SpecConfigSchema, type KiroWorkflowType, type SpecConfig, type SpecType, type SpecWorkflow } from './schemas/spec-config-schema';
export { jsonSchemas, type JsonSchemaName } from './schemas/json-schemas';

// Lint, traceability, discovery
export { classifyEars, lintEars, VAGUE_WORDS, type EarsClassification, type EarsPattern, type EarsReport } from './ears/ears-lint';
export { traceSpec, type FileDiagnostic, type SpecDocs, type TraceGraph, type TraceRequirement, type TraceResult, type TraceTask } from './trace/traceability';
export { discover, type DiscoveredFile, type DiscoveredSpec, type Discovery, type DiscoveryInput } from './discovery/discover';
