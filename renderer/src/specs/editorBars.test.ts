import { describe, expect, it } from 'vitest';
import { newDocMeta, type DocMeta } from '../state/documents';
import { getSpecEditorBars, registerSpecEditorBar, showsOwnNotice } from './editorBars';

const dir = '.kiro/specs/due-dates';
const doc = (patch: Partial<DocMeta>): DocMeta => ({ ...newDocMeta(`${dir}/requirements.md`), status: 'ready', ...patch });

registerSpecEditorBar({ id: 'writer', component: () => null, explainsReadOnly: (d, specDir) => specDir === dir && d.notice === 'Being written.' });

describe('spec editor bars', () => {
  it('are listed in registration order, each id once', () => {
    registerSpecEditorBar({ id: 'other', component: () => null });
    expect(getSpecEditorBars().map((b) => b.id)).toEqual(['writer', 'other']);
    expect(() => registerSpecEditorBar({ id: 'writer', component: () => null })).toThrow(/registered twice/);
  });

  it("hide the editor's read-only notice only when a bar explains that read-only state itself", () => {
    expect(showsOwnNotice(doc({ readOnly: true, notice: 'Being written.' }), dir)).toBe(false);
    expect(showsOwnNotice(doc({ readOnly: true, notice: 'Being written.' }), '.kiro/specs/other')).toBe(true);
    expect(showsOwnNotice(doc({ readOnly: true, notice: 'This file is read-only on disk.' }), dir)).toBe(true);
    expect(showsOwnNotice(doc({ readOnly: true }), dir)).toBe(true);
    // A deleted file's notice says something else (save to create it again): always shown.
    expect(showsOwnNotice(doc({ readOnly: true, notice: 'Being written.', deletedOnDisk: true }), dir)).toBe(true);
  });
});
