import { describe, expect, it } from 'vitest';
import { headingSlug, resolveLink } from './resolveLink';

const FROM = '.kiro/specs/evil/design.md';

describe('resolveLink', () => {
  it('web and mail links are external, with the full normalised URL', () => {
    expect(resolveLink('https://example.com/a?b=1#c', FROM)).toEqual({ kind: 'external', url: 'https://example.com/a?b=1#c' });
    expect(resolveLink(' HTTP://Example.com', FROM)).toEqual({ kind: 'external', url: 'http://example.com/' });
    expect(resolveLink('mailto:a@b.c')).toEqual({ kind: 'external', url: 'mailto:a@b.c' });
  });

  it('every other scheme is blocked, whatever its case or padding', () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x', 'keel://app/x', 'chrome://settings', '//evil.example/x']) {
      expect(resolveLink(href, FROM).kind, href).toBe('blocked');
    }
  });

  it('relative links are workspace files, relative to the document (or the root for a chat answer)', () => {
    expect(resolveLink('../../../src/store.js', FROM)).toEqual({ kind: 'file', path: 'src/store.js' });
    expect(resolveLink('./requirements.md#r1', FROM)).toEqual({ kind: 'file', path: '.kiro/specs/evil/requirements.md' });
    expect(resolveLink('/docs/My%20Notes.md', FROM)).toEqual({ kind: 'file', path: 'docs/My Notes.md' });
    expect(resolveLink('src/cli.js')).toEqual({ kind: 'file', path: 'src/cli.js' });
  });

  it('a path that climbs out of the workspace is blocked', () => {
    expect(resolveLink('../../../../etc/passwd', FROM).kind).toBe('blocked');
    expect(resolveLink('..\\..\\..\\..\\x', FROM).kind).toBe('blocked');
    expect(resolveLink('../x').kind).toBe('blocked');
  });

  it('a fragment is an anchor in the same document; an empty one goes nowhere', () => {
    expect(resolveLink('#data-models', FROM)).toEqual({ kind: 'anchor', id: 'data-models' });
    expect(resolveLink('#', FROM).kind).toBe('blocked');
    expect(resolveLink('', FROM).kind).toBe('blocked');
  });
});

describe('headingSlug', () => {
  it('matches GitHub-style anchors', () => {
    expect(headingSlug('Data Models')).toBe('data-models');
    expect(headingSlug('Error Handling & Retries!')).toBe('error-handling--retries');
    expect(headingSlug('设计 概述')).toBe('设计-概述');
  });
});
