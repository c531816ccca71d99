import { Changeset } from '../changeset/changeset';
import { autopilotSink, overlayWorkspace, supervisedSink, type ApplyMode } from '../changeset/file-changes';
import type { ApprovalGate, CheckpointHook, TaskStatusPort } from '../core/ports';
import type { FilePermissions } from '../tools/file-permissions';
import { SecretPolicy } from '../tools/secrets';
import type { ToolContext } from '../tools/tool';
import { NodeCommandRunner } from './command-runner';
import { findRipgrep, RipgrepSearch } from './ripgrep';
import { NodeWorkspace } from './workspace-fs';

export interface NodeToolSetup {
  root: string;
  mode: ApplyMode;
  approval?: ApprovalGate;
  tasks?: TaskStatusPort;
  /** Required for Autopilot. */
  checkpoint?: CheckpointHook;
  changeset?: Changeset;
  /** Paths the user attached explicitly (readable even if they look like secrets). */
  attached?: string[];
  /** The permission rules (Kiro's permissions.yaml) the file tools obey; none when absent. */
  permissions?: FilePermissions | (() => FilePermissions | undefined);
  /** Force the JS search even when ripgrep is installed (tests of the fallback). */
  noRipgrep?: boolean;
}

/** Everything tools need on a local disk, wired for the chosen mode. */
export async function createNodeToolContext(setup: NodeToolSetup): Promise<{
  context: Omit<ToolContext, 'signal'>;
  workspace: NodeWorkspace;
  changeset: Changeset;
}> {
  const workspace = await NodeWorkspace.open(setup.root);
  const changeset = setup.changeset ?? new Changeset();
  const kiroignore = (await workspace.stat('.kiroignore')) ? await workspace.readFile('.kiroignore') : '';
  const secrets = new SecretPolicy(kiroignore, setup.permissions);
  for (const p of setup.attached ?? []) secrets.attach(p);
  if (setup.mode === 'autopilot' && !setup.checkpoint) throw new Error('Autopilot needs a checkpoint hook so its changes can be rolled back.');
  const rg = setup.noRipgrep ? undefined : findRipgrep();
  const context: Omit<ToolContext, 'signal'> = {
    workspace: setup.mode === 'supervised' ? overlayWorkspace(workspace, changeset) : workspace,
    changes: setup.mode === 'supervised' ? supervisedSink(workspace, changeset) : autopilotSink(workspace, setup.checkpoint!),
    secrets,
    commands: new NodeCommandRunner((p) => workspace.resolveDirectory(p)),
    approval: setup.approval,
    tasks: setup.tasks,
    search: rg ? new RipgrepSearch(rg, workspace.resolve('.')) : undefined,
  };
  return { context, workspace, changeset };
}
