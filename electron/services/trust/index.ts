/** Trust services: which commands may run unasked, which folders are trusted, which hook/MCP files are approved. */
export { CommandTrust, type CommandVerdict, type JudgedCommand } from './command/command-trust';
export { CommandRulesStore } from './command/command-rules-store';
export type { CommandTrustRule } from './command/trust-rules';
export type { SimpleCommand, ShellWord, ShellRedirect, CommandOrigin } from './command/simple-command';
export { WorkspaceTrustStore, type GuardedFileState, type TrustChange, type TrustDecision } from './workspace/workspace-trust-store';
export { isGuardedFile, listGuardedFiles } from './workspace/guarded-files';
export { WorkspaceTrust, workspaceTrustKey } from './workspace-trust';
export { CommandApproval, commandApprovalKey, type CommandDecision, type CommandRequest } from './command-approval';
