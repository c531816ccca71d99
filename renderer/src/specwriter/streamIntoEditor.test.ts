import { afterEach, describe, expect, it } from 'vitest';
import type { SpecWriterState } from '../../../protocol';
import type { DocumentManager, TextBuffer } from '../editor/documentManager';
import { newDocMeta, useDocuments } from '../state/documents';
import { applyState, applyText, useSpecWriter } from './specWriterStore';
import { phaseBarExplainsReadOnly, streamIntoEditor, WRITING_NOTICE } from './streamIntoEditor';

const dir = '.kiro/specs/due-dates';
const path = `${dir}/requirements.md`;

function state(status: SpecWriterState['phases'][number]['status']): SpecWriterState {
  return {
    dir,
    type: 'feature',
    workflow: 'requirements-first',
    prompt: 'due dates',
    current: 0,
    phases: [
      { kind: 'requirements', path, status, problems: [], edited: false },
      { kind: 'design', path: `${dir}/design.md`, status: 'pending', problems: [], edited: false },
    ],
  };
}

/** The document manager as the stream sees it: one buffer per ready document, and the rechecks asked for. */
function fakeDocuments() {
  const texts = new Map<string, string>();
  const rechecked: string[] = [];
  const buffer = (p: string): TextBuffer | undefined =>
    texts.has(p)
      ? ({
          getText: () => texts.get(p)!,
          replaceAll: (t: string) => {
            texts.set(p, t);
            // What the real manager does on an edit: the buffer differs from the disk, so it is dirty.
            useDocuments.getState().patch(p, { dirty: true });
          },
        } as unknown as TextBuffer)
      : undefined;
  const documents = { buffer, openFile: async () => {}, handleChanges: (c: { path: string }[]) => rechecked.push(...c.map((x) => x.path)) } as unknown as DocumentManager;
  return { documents, texts, rechecked };
}

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  useSpecWriter.setState({ states: {}, texts: {} });
  useDocuments.setState({ docs: {} });
});

describe('streaming a phase into the editor', () => {
  it('shows the streamed text read-only with a notice, not as an unsaved edit; releases it when the phase ends', () => {
    const { documents, texts, rechecked } = fakeDocuments();
    texts.set(path, '');
    useDocuments.getState().patch(path, { ...newDocMeta(path), status: 'ready' });
    stop = streamIntoEditor(documents);
    applyState(state('writing'));
    applyText(path, '# Requirements Document\n');
    expect(texts.get(path)).toBe('# Requirements Document\n');
    expect(useDocuments.getState().docs[path]).toMatchObject({ readOnly: true, notice: WRITING_NOTICE, dirty: false });
    applyText(path, '# Requirements Document\n\n## Introduction\n');
    expect(texts.get(path)).toBe('# Requirements Document\n\n## Introduction\n');
    expect(useDocuments.getState().docs[path]?.dirty).toBe(false);

    applyState(state('review'));
    expect(useDocuments.getState().docs[path]).toMatchObject({ readOnly: false, notice: undefined });
    expect(useSpecWriter.getState().texts[path]).toBeUndefined();
    // The final text is on disk now: the document is reconciled with it (clean when equal).
    expect(rechecked).toEqual([path]);
  });

  it('a document still loading when its phase ends is reconciled once it has loaded', () => {
    const { documents, texts, rechecked } = fakeDocuments();
    useDocuments.getState().patch(path, { ...newDocMeta(path), status: 'loading' });
    stop = streamIntoEditor(documents);
    applyState(state('writing'));
    applyText(path, '# Requirements Document\n');
    applyState(state('review'));
    expect(rechecked).toEqual([]);
    texts.set(path, '');
    useDocuments.getState().patch(path, { status: 'ready' });
    expect(rechecked).toEqual([path]);
  });

  it('leaves documents of other files and of finished phases alone', () => {
    const { documents, texts } = fakeDocuments();
    texts.set('src/a.ts', 'mine');
    useDocuments.getState().patch('src/a.ts', { ...newDocMeta('src/a.ts'), status: 'ready', dirty: true });
    stop = streamIntoEditor(documents);
    applyState(state('review'));
    expect(useDocuments.getState().docs['src/a.ts']).toMatchObject({ readOnly: false, dirty: true });
    expect(texts.get('src/a.ts')).toBe('mine');
  });
});

describe('one notice while a phase streams', () => {
  it('the phase bar explains the read-only document it is writing, so the spec editor hides its own notice', () => {
    const { documents, texts } = fakeDocuments();
    texts.set(path, '');
    useDocuments.getState().patch(path, { ...newDocMeta(path), status: 'ready' });
    stop = streamIntoEditor(documents);
    applyState(state('writing'));
    expect(phaseBarExplainsReadOnly(useDocuments.getState().docs[path]!, dir)).toBe(true);
    // Another spec's editor, or another read-only reason, keeps the editor's notice.
    expect(phaseBarExplainsReadOnly(useDocuments.getState().docs[path]!, '.kiro/specs/other')).toBe(false);
    const otherReason = { ...newDocMeta(path), status: 'ready' as const, readOnly: true, notice: 'This file is outside the workspace.' };
    expect(phaseBarExplainsReadOnly(otherReason, dir)).toBe(false);

    applyState(state('review'));
    expect(phaseBarExplainsReadOnly(useDocuments.getState().docs[path]!, dir)).toBe(false);
  });
});
