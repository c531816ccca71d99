/**
 * Everything spec documents get outside the spec editor, started with the first one opened (this module and
 * specs-schema load then, not at start-up): checks feeding markers and the Problems panel, and tasks.md's code
 * lens and hover.
 */
import type { Services } from '../app/services';
import { startSpecChecks } from './specChecks';
import { registerTasksLens } from './tasksLens';

export function startSpecSupport(services: Services): void {
  startSpecChecks(services);
  void registerTasksLens(services);
}
