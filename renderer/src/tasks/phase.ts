import type { ActiveRun } from '../../../protocol';

const PHASE: Record<ActiveRun['phase'], string> = {
  starting: 'starting',
  executing: 'the executor is working',
  reviewing: 'waiting for your review',
  checking: 'running its check',
  finishing: 'finishing',
};

export function phaseText(run: ActiveRun): string {
  return PHASE[run.phase];
}

export function specName(specDir: string): string {
  return specDir.replace(/^.*\.kiro\/specs\//, '');
}
