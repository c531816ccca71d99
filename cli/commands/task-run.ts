/**
 * `keel task run <spec> <task-id>`: the app's task runner without a window. The folder is opened with the same
 * services as the app (agent host, change review, command approval, checks); what the app would ask the user is
 * answered here: the proposed diff is printed and applied only with --yes (Supervised) or applied by the runner
 * itself (--autopilot); commands the agent wants to run that are not already trusted are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { KeelError, type EventName, type EventOf } from '../../protocol';
import type { Workbench } from '../../electron/services/app/workbench';
import type { ChangeReviewService } from '../../electron/services/changes/change-review';
import { EXIT, UsageError, type Command, type CommandIO } from '../command';
import { style } from '../style';
import { findSpec, openWorkspace } from '../workspace';

type Emitted = { [E in EventName]: { event: E; payload: EventOf<E> } }[EventName];

export const taskRun: Command = {
  path: ['task', 'run'],
  summary: "Run one task with the agent (the app's task runner, headless)",
  usage: 'task run <spec> <task-id> [--autopilot] [--yes] [--workspace <dir>] [--json]',
  help: `Runs the task as "Start task" does in the app: marks it [-], lets the executor agent implement it, reviews
the change, runs the check command, then ticks it [x] — or puts it back to [ ] and says why.

Supervised (default): the proposed change is printed as a unified diff; it is applied only with --yes,
otherwise it is rejected and the task goes back to [ ].
--autopilot: the runner applies the agent's writes itself (behind a checkpoint), as in the app.
Commands the agent wants to run are refused unless the folder is trusted and the command is already trusted in
Keel (the CLI cannot ask); trust them in the app first.
The agent settings (model, region, credentials) are the app's: $XDG_CONFIG_HOME/keel or ~/.config/keel, or
--user-data-dir <dir>.
--json: one object per line for each event ({"event": "tasks/log"|"tasks/ended"|…, "payload": …}).

Exit codes: 0 the task was done, 1 it was put back (change rejected, check failed, agent error), 2 usage.`,
  options: {
    autopilot: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    workspace: { type: 'string', short: 'w' },
    'user-data-dir': { type: 'string' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new UsageError('give a spec and a task id');
    const ws = openWorkspace(values.workspace as string | undefined, io.cwd);
    const spec = await findSpec(ws, positionals[0] as string);
    const taskId = positionals[1] as string;
    // The app's services (agent host, AWS SDK, review, trust) load only for this command: `keel --help` and the
    // spec commands stay quick to start.
    const [{ defaultUserDataDir, RecentFolders }, { Workbench }, { changeReviewKey }, { taskRunnerKey }, { commandApprovalKey }, { mcpServiceKey }] = await Promise.all([
      import('../../electron/services/app/user-data'),
      import('../../electron/services/app/workbench'),
      import('../../electron/services/changes/change-review'),
      import('../../electron/services/tasks/task-runner-key'),
      import('../../electron/services/trust/command-approval'),
      import('../../electron/services/mcp/mcp-service'),
    ]);
    const userDataDir = (values['user-data-dir'] as string | undefined) ?? defaultUserDataDir();
    // A scratch recent-folders list: a CLI run must not reorder the app's File > Open Recent.
    const scratch = mkdtempSync(join(tmpdir(), 'keel-cli-recent-'));
    let onEvent: (e: Emitted) => void = () => undefined;
    const workbench = new Workbench({
      recent: new RecentFolders(scratch),
      userDataDir,
      emit: (event, payload) => onEvent({ event, payload } as Emitted),
      // Nobody sees a terminal here: the agent's commands and hooks run as child processes.
      headless: true,
    });
    try {
      await workbench.open(ws.root);
      return await runTask(workbench, spec.dir, taskId, { autopilot: !!values.autopilot, yes: !!values.yes, json: !!values.json }, io);
    } finally {
      onEvent = () => undefined;
      await workbench.dispose();
      rmSync(scratch, { recursive: true, force: true });
    }

    function runTask(wb: Workbench, specDir: string, id: string, opts: { autopilot: boolean; yes: boolean; json: boolean }, out: CommandIO): Promise<number> {
      const s = style(out);
      return new Promise<number>((resolve, reject) => {
        const reviewed = new Set<string>();
        onEvent = (e) => {
          if (opts.json && (e.event.startsWith('tasks/') || e.event === 'changes/updated')) out.out(JSON.stringify(e));
          if (e.event === 'tasks/log' && !opts.json) out.err(s.dim(e.payload.message));
          if (e.event === 'changes/updated' && e.payload.status === 'pending' && !reviewed.has(e.payload.id)) {
            reviewed.add(e.payload.id);
            void review(wb.scoped(changeReviewKey), e.payload.id, opts, out).catch(reject);
          }
          if (e.event === 'trust/commandAsk') {
            out.err(s.yellow(`Refused to run "${e.payload.command}": the CLI cannot ask. Trust the command in Keel first.`));
            void wb.scoped(commandApprovalKey).answer(e.payload.id, { choice: 'reject', reason: 'keel task run cannot ask; the command is not trusted' }).catch(() => undefined);
          }
          // Likewise an MCP tool that is not auto-approved: refused (the model is told), never a silent wait.
          if (e.event === 'mcp/toolAsk') {
            out.err(s.yellow(`Refused to call MCP tool "${e.payload.tool}" of "${e.payload.server}": the CLI cannot ask. Allow it in Keel or list it in autoApprove.`));
            void wb.scoped(mcpServiceKey).answerTool(e.payload.id, 'reject').catch(() => undefined);
          }
          if (e.event === 'tasks/ended' && !e.payload.nested && e.payload.taskId === id) {
            const done = e.payload.outcome === 'done';
            if (!opts.json) out.err(done ? s.green(`Task ${id} done: ${e.payload.title}`) : s.red(`Task ${id} put back to [ ]: ${e.payload.reason ?? ''}`.trim()));
            resolve(done ? EXIT.ok : EXIT.findings);
          }
        };
        wb.scoped(taskRunnerKey)
          .start(specDir, id, opts.autopilot ? 'autopilot' : 'supervised')
          // An unknown or already-done task is the caller's mistake: a usage error with the runner's words.
          .catch((e: unknown) => reject(e instanceof KeelError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST') ? new UsageError(e.message) : e));
      });
    }
  },
};

/** Prints the proposed change as a unified diff, then applies it (--yes) or rejects it. */
async function review(reviews: ChangeReviewService, id: string, opts: { yes: boolean; json: boolean }, io: CommandIO): Promise<void> {
  const detail = await reviews.get(id);
  if (!opts.json) {
    for (const f of detail.files) {
      const patch = createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.original ?? '', f.proposed ?? '', '', '', { context: 3 });
      for (const line of patch.split('\n').slice(1)) io.out(line);
    }
  }
  if (opts.yes) {
    const result = await reviews.apply(id, { acceptAll: true });
    if (!result.applied) io.err(`Not applied: ${result.conflicts.map((c) => c.path).join(', ')} changed on disk meanwhile.`);
  } else {
    if (!opts.json) io.err('Not applied (run with --yes to apply the change).');
    await reviews.reject(id);
  }
}
