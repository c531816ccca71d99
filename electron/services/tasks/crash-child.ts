// A task run in its own process, for the crash test: starts task `argv[5]` (or Run all when it is `all`), prints
// MARKED once `[-]` is on disk, then waits for the (hanging) model until the test kills it with SIGKILL.
import { WorkspaceFs } from '../workspace/workspace-fs';
import { ProcessCheckRunner } from './check-runner';
import { TaskRunner } from './task-runner';
import { LibraryExecutor, ScriptedApproval, ScriptedReview, SPEC_DIR } from './test-support';

const [root, userData, fakeUrl, taskId] = process.argv.slice(2) as [string, string, string, string];
const ws = await WorkspaceFs.open(root);
const runner = new TaskRunner({
  ws,
  userDataDir: userData,
  ports: () => ({ executor: new LibraryExecutor(root, { url: fakeUrl }), review: new ScriptedReview(root), approval: new ScriptedApproval(), checks: new ProcessCheckRunner(root) }),
  onStatus: (s) => {
    if (s.active.some((r) => r.phase === 'executing')) process.stdout.write('MARKED\n');
  },
  onLog: () => undefined,
});
if (taskId === 'all') await runner.runAll(SPEC_DIR);
else await runner.start(SPEC_DIR, taskId);
setInterval(() => undefined, 1000);
