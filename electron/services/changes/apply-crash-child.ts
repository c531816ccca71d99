// The apply under test in its own process, for apply-crash.test.ts: registers the 300-file change, prints READY,
// applies it and prints DONE <ms> — unless the test kills it (SIGKILL: no cleanup code runs) somewhere in between.
import { bigChange, reviewService } from './apply-crash-support';

const [root, userData] = process.argv.slice(2) as [string, string];
const service = await reviewService(root, userData);
await service.ready;
const { id } = service.register({ changeset: { list: bigChange }, source: { kind: 'chat', sessionId: 's1' }, summary: 'big change' });
await service.list(); // the review is saved before the apply starts
process.stdout.write('READY\n');
const started = performance.now();
await service.apply(id, { acceptAll: true });
process.stdout.write(`DONE ${Math.round(performance.now() - started)}\n`);
