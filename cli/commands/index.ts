/** Every `keel` command. Adding one = one file in this folder + one entry here. */
import type { Command } from '../command';
import { specCheck } from './spec-check';
import { specRoundtrip } from './spec-roundtrip';
import { specStats } from './spec-stats';

export const COMMANDS: readonly Command[] = [specStats, specRoundtrip, specCheck];
