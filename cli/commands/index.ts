/** Every `keel` command. Adding one = one file in this folder + one entry here. */
import type { Command } from '../command';
import { agentsList } from './agents-list';
import { hooksList } from './hooks-list';
import { hooksRun } from './hooks-run';
import { specCheck } from './spec-check';
import { specList } from './spec-list';
import { specRoundtrip } from './spec-roundtrip';
import { specShow } from './spec-show';
import { specStats } from './spec-stats';
import { taskList } from './task-list';
import { taskRun } from './task-run';

export const COMMANDS: readonly Command[] = [specList, specShow, specCheck, specStats, specRoundtrip, taskList, taskRun, hooksList, hooksRun, agentsList];
