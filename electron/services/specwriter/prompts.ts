/**
 * What the planner is told for each phase. The system prompt (plus the project's always-included steering, added
 * by the caller) describes Kiro's exact document formats; the user message carries the user's request, the
 * documents already approved — read from disk, so the user's own edits are what the next phase builds on — and,
 * when refining, the current draft and the user's feedback.
 */
import type { SpecPhaseKind } from '../../../protocol';
import type { SpecType, SpecWorkflow } from './phases';

export const PLANNER_SYSTEM_PROMPT = [
  "You are Keel's planner. You write one document of a spec (Kiro's format) at a time, for the user's project.",
  'You may look at the codebase with the read-only tools (readFile, listDirectory, fileSearch, grepSearch) before you write; you cannot change files.',
  'When you are ready, reply with the complete document as Markdown and nothing else: no preamble, no closing remarks, no code fence around it.',
  'Start the reply with the document\'s "# " title line. Keep the wording concrete and testable; avoid vague words such as fast, easy, intuitive, appropriate.',
].join('\n');

const FORMATS: Record<SpecPhaseKind, string> = {
  requirements: [
    'Write requirements.md in exactly this shape:',
    '# Requirements Document',
    '',
    '## Introduction',
    '',
    'One or two paragraphs: what the feature is, who it is for, why it matters.',
    '',
    '## Requirements',
    '',
    '### Requirement 1: <short title>',
    '',
    '**User Story:** As a <role>, I want <capability>, so that <benefit>.',
    '',
    '#### Acceptance Criteria',
    '',
    '1. WHEN <trigger> THEN THE <System> SHALL <response>',
    '2. IF <unwanted condition> THEN THE <System> SHALL <response>',
    '',
    'Rules: number requirements 1, 2, 3…; number criteria 1, 2, 3… inside each requirement (they are referenced as',
    '<requirement>.<criterion>, e.g. 2.3). Every criterion is one EARS sentence with SHALL: ubiquitous',
    '("THE <System> SHALL …"), event-driven ("WHEN … THE <System> SHALL …"), state-driven ("WHILE … THE <System>',
    'SHALL …"), unwanted behaviour ("IF … THEN THE <System> SHALL …") or optional ("WHERE … THE <System> SHALL …").',
    'Every requirement has a user story and at least one criterion.',
  ].join('\n'),
  bugfix: [
    'Write bugfix.md in exactly this shape:',
    '# Bugfix Requirements Document',
    '',
    '## Introduction',
    '',
    'What goes wrong, where it shows, who it affects and (if known) why.',
    '',
    '## Bug Analysis',
    '',
    '### Current Behavior (Defect)',
    '',
    '1.1 WHEN <condition> THEN the system <does the wrong thing>',
    '',
    '### Expected Behavior (Correct)',
    '',
    '2.1 WHEN <condition> THEN the system SHALL <do the right thing>',
    '',
    '### Unchanged Behavior (Regression Prevention)',
    '',
    '3.1 WHEN <condition> THEN the system SHALL CONTINUE TO <keep doing what works today>',
    '',
    'Rules: criteria under Current Behavior are numbered 1.1, 1.2…, under Expected Behavior 2.1, 2.2…, under',
    'Unchanged Behavior 3.1, 3.2…; each section has at least one criterion; each expected criterion answers a current one.',
  ].join('\n'),
  design: [
    'Write design.md in exactly this shape:',
    '# Design Document',
    '',
    '## Overview',
    '## Architecture            (include a ```mermaid diagram)',
    '## Components and Interfaces',
    '## Data Models',
    '## Correctness Properties  (each property ends with a line like **Validates: Requirements 1.2, 2.1**)',
    '## Error Handling',
    '## Testing Strategy',
    '',
    'Refer to requirements only by the numbers the requirements document defines.',
  ].join('\n'),
  tasks: [
    'Write tasks.md in exactly this shape:',
    '# Implementation Plan',
    '',
    '- [ ] 1. <task title>',
    '  - <what to do, one bullet per step>',
    '  - _Requirements: 1.1, 1.2_',
    '- [ ] 2. <task title>',
    '  - [ ] 2.1 <sub-task title>',
    '    - <what to do>',
    '    - _Requirements: 2.1_',
    '',
    'Rules: every task is a coding step an agent can do and check; tasks build on each other in order; every task',
    '(or each of its sub-tasks) ends with a _Requirements: …_ line citing only criteria or requirements that exist',
    'in the requirements document; together the tasks cover every requirement. Mark optional tasks "- [ ]*".',
  ].join('\n'),
};

const DOC_NAMES: Record<SpecPhaseKind, string> = { requirements: 'requirements.md', bugfix: 'bugfix.md', design: 'design.md', tasks: 'tasks.md' };

export interface ApprovedDocument {
  kind: SpecPhaseKind;
  path: string;
  text: string;
}

export interface PhasePromptInput {
  kind: SpecPhaseKind;
  type: SpecType;
  workflow: SpecWorkflow;
  /** The spec folder's name (`dark-mode`). */
  name: string;
  /** What the user asked for when they started the spec. */
  request: string;
  /** Earlier phases, approved, as they are on disk now. */
  approved: readonly ApprovedDocument[];
  /** Refine: the current document (with the user's edits, if any) and what the user wants changed. */
  refine?: { draft: string; feedback: string };
}

/** The user message for one phase. */
export function buildPhasePrompt(input: PhasePromptInput): string {
  const parts: string[] = [];
  const what = input.type === 'bugfix' ? 'a bugfix spec' : `a feature spec (${input.workflow})`;
  parts.push(`Phase: ${input.kind}. You are writing ${DOC_NAMES[input.kind]} of ${what} named "${input.name}".`);
  parts.push(tagged('user-request', {}, input.request.trim()));
  for (const doc of input.approved) {
    parts.push(tagged('approved-document', { path: doc.path }, doc.text));
  }
  if (input.approved.length) {
    parts.push('The approved documents above are final (the user may have edited them): build on them exactly as they are written, and keep their numbering.');
  }
  parts.push(guidance(input));
  parts.push(FORMATS[input.kind]);
  if (input.refine) {
    parts.push(tagged('current-draft', { path: DOC_NAMES[input.kind] }, input.refine.draft));
    const feedback = input.refine.feedback.trim();
    parts.push(
      feedback
        ? tagged('feedback', {}, feedback) + '\nRewrite the current draft to address this feedback. Keep what the feedback does not ask to change.'
        : 'Write this document again from the request and the approved documents; the current draft is only for reference.',
    );
  }
  parts.push(`Reply with the complete ${DOC_NAMES[input.kind]} only.`);
  return parts.join('\n\n');
}

function guidance(input: PhasePromptInput): string {
  switch (input.kind) {
    case 'requirements':
      return input.workflow === 'design-first'
        ? 'Derive the requirements from the approved design: every behaviour the design promises becomes an acceptance criterion.'
        : "Turn the user's request into requirements. Look at the codebase first if the request refers to existing behaviour.";
    case 'bugfix':
      return "Analyse the bug the user describes. Look at the code involved first, so the criteria name real behaviour.";
    case 'design':
      return input.workflow === 'design-first' && input.type === 'feature'
        ? "Design the feature the user describes (the requirements will be derived from this design afterwards, so cite no requirement numbers yet). Look at the codebase so the design fits it."
        : 'Design how to meet every approved requirement in this codebase. Look at the code the design touches.';
    case 'tasks':
      return 'Break the approved design into an ordered implementation plan that satisfies the approved requirements.';
  }
}

function tagged(tag: string, attrs: Record<string, string>, body: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${tag}${a}>\n${body}\n</${tag}>`;
}
