// Node implementations of the agent's ports: for tests, the CLI and the main process.
export { NodeWorkspace } from './workspace-fs';
export { confineLexical, confineReal, PathError } from './confine';
export { NodeCommandRunner, type CommandLauncher } from './command-runner';
export { RipgrepSearch, findRipgrep } from './ripgrep';
export { JsonlSessionStore } from './jsonl-session-store';
export { createNodeToolContext, type NodeToolSetup } from './tool-context';
