/** The hooks engine's public surface (stage 2 wires it to IPC, the watcher, the agent and the Hooks pane). */
export { HooksEngine, type AgentEventOptions, type HookInfo, type HooksEngineOptions } from './hooks-engine';
export type { AgentTurnRunner, FileEvents, HookRun, HookRunStatus, HookTrigger, HookTrust, TaskInfo, ToolGate, ToolUse } from './hook-types';
export { ChildProcessRunner, type CommandRequest, type CommandResult, type CommandRunner } from './command-runner';
export { loadHook, type LoadedHook } from './hook-loader';
export { workspaceHookTrust } from './workspace-hook-trust';
export { RunLogFile, runLogPath, PERSISTED_RUNS } from './run-log-file';
