/**
 * Starter documents of a new spec in Kiro's format (the headings Kiro itself writes), so a spec created in Keel
 * opens in Kiro unchanged and the specs-schema parsers find their sections from the first edit on.
 */
import type { SpecType, SpecWorkflow } from '../../../specs-schema';

export interface StarterFile {
  /** File name inside the spec folder. */
  name: string;
  content: string;
}

/** Title case of a kebab-case name, for the documents' introductions ("todo-priorities" → "Todo priorities"). */
export function displayName(name: string): string {
  const words = name.split('/').pop()!.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `.config.kiro` exactly as Kiro writes it: one line, keys in Kiro's order. */
export function configText(specId: string, type: SpecType, workflow: SpecWorkflow): string {
  return `{"specId": "${specId}", "workflowType": "${workflow}", "specType": "${type}"}`;
}

export function starterFiles(name: string, type: SpecType, workflow: SpecWorkflow, specId: string): StarterFile[] {
  const title = displayName(name);
  const first =
    type === 'bugfix'
      ? {
          name: 'bugfix.md',
          content:
            '# Bugfix Requirements Document\n\n## Introduction\n\n' +
            `${title}: describe the defect, where it shows and who it affects.\n\n## Bug Analysis\n\n` +
            '### Current Behavior (Defect)\n\n### Expected Behavior (Correct)\n\n### Unchanged Behavior (Regression Prevention)\n',
        }
      : {
          name: 'requirements.md',
          content:
            '# Requirements Document\n\n## Introduction\n\n' +
            `${title}: describe the feature, who it is for and why it matters.\n\n## Requirements\n`,
        };
  const design = {
    name: 'design.md',
    content: `# Design Document\n\n## Overview\n\n${title}: the approach in a few sentences.\n\n## Architecture\n\n## Components and Interfaces\n\n## Data Models\n\n## Error Handling\n\n## Testing Strategy\n`,
  };
  const tasks = { name: 'tasks.md', content: '# Implementation Plan\n' };
  const config = { name: '.config.kiro', content: configText(specId, type, workflow) };
  // Design-first specs start from the design; the order only decides which document the editor shows first.
  const docs = workflow === 'design-first' ? [design, first, tasks] : [first, design, tasks];
  return [config, ...docs];
}
