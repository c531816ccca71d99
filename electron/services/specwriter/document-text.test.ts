import { describe, expect, it } from 'vitest';
import { documentIn, StreamedDocument } from './document-text';

describe('the document in what the model streams', () => {
  it('starts at the title line, dropping a preamble', () => {
    expect(documentIn('Sure! Here it is:\n\n# Requirements Document\n\n## Introduction\n')).toBe('# Requirements Document\n\n## Introduction\n');
  });
  it('drops a code fence around the document', () => {
    expect(documentIn('```markdown\n# Design Document\n\n## Overview\n\nx\n```\n')).toBe('# Design Document\n\n## Overview\n\nx\n');
  });
  it('keeps fences inside the document (a mermaid diagram)', () => {
    const doc = '# Design Document\n\n```mermaid\ngraph LR\n```\n';
    expect(documentIn(doc)).toBe(doc);
  });
  it('has no document until the title arrives', () => {
    expect(documentIn('Let me look at the code first.')).toBeUndefined();
  });

  it('ignores text written before a tool call, and shows the document as it grows', () => {
    const s = new StreamedDocument();
    s.append('I will read src/todo.js first.\n# Not the document');
    s.toolCalled();
    expect(s.text()).toBe('# Not the document\n'); // the best so far until the real one starts
    s.append('# Requirements');
    expect(s.text()).toBe('# Requirements\n');
    s.append(' Document\n\n## Intro');
    expect(s.text()).toBe('# Requirements Document\n\n## Intro\n');
  });

  it('falls back to the whole last answer when the model wrote no title at all (validation then says what is missing)', () => {
    const s = new StreamedDocument();
    s.append('## Requirements\n\n### Requirement 1: X\n');
    expect(s.text()).toBe('');
    expect(s.text(true)).toBe('## Requirements\n\n### Requirement 1: X\n');
  });
});
