import { describe, expect, it } from 'vitest';
import { editorFor, getPanels, getSideViews, registerEditor, registerPanel, registerSideView } from './contributions';

const Nothing = () => null;

describe('workbench contributions', () => {
  it('finds the contributed editor by the scheme of a tab id, and none for a file path', () => {
    registerEditor({ scheme: 'review', component: Nothing, title: (tab) => `Review ${tab.slice(7)}` });
    expect(editorFor('review:42')?.title('review:42')).toBe('Review 42');
    expect(editorFor('src/review.ts')).toBeUndefined();
    expect(editorFor('unknown:1')).toBeUndefined();
    expect(editorFor(null)).toBeUndefined();
  });

  it('refuses a scheme registered twice or one that could be mistaken for a path', () => {
    registerEditor({ scheme: 'twice', component: Nothing, title: () => '' });
    expect(() => registerEditor({ scheme: 'twice', component: Nothing, title: () => '' })).toThrow(/twice/);
    expect(() => registerEditor({ scheme: 'C:/x', component: Nothing, title: () => '' })).toThrow(/Bad editor scheme/);
  });

  it('keeps side views and panels in their declared order whatever the import order', () => {
    registerSideView({ id: 'late', title: 'Late', icon: Nothing, order: 90, component: Nothing });
    registerSideView({ id: 'early', title: 'Early', icon: Nothing, order: 5, component: Nothing });
    registerPanel({ id: 'p2', title: 'Two', order: 20, component: Nothing });
    registerPanel({ id: 'p1', title: 'One', order: 10, component: Nothing });
    expect(getSideViews().map((v) => v.id)).toEqual(['early', 'late']);
    expect(getPanels().map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(() => registerPanel({ id: 'p1', title: 'Again', order: 1, component: Nothing })).toThrow(/twice/);
  });
});
