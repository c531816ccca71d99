import { describe, expect, it } from 'vitest';
import { memoryWorkspace } from './memory-workspace';
import { steeringFor } from './steering-for';
import { loadSteering } from './steering-load';

describe('steeringFor', () => {
  it('lists what applies to a file on its own and what waits for the prompt', async () => {
    const entries = await loadSteering({
      workspace: memoryWorkspace({
        'AGENTS.md': '# A\n',
        '.kiro/steering/product.md': '---\ninclusion: always\n---\n',
        '.kiro/steering/react.md': "---\ninclusion: fileMatch\nfileMatchPattern: ['**/*.tsx', '*.css']\n---\n",
        '.kiro/steering/python.md': "---\ninclusion: fileMatch\nfileMatchPattern: '*.py'\n---\n",
        '.kiro/steering/release.md': '---\ninclusion: manual\n---\n',
        '.kiro/steering/api.md': '---\ninclusion: auto\ndescription: REST API\n---\n',
      }),
    });
    const r = steeringFor('web/ui/Button.tsx', entries);
    expect(r.applies.map((a) => `${a.name}: ${a.reason}`)).toEqual(['product: always included', 'react: matches **/*.tsx', 'AGENTS: always included']);
    expect(r.onRequest.map((a) => `${a.name}: ${a.reason}`)).toEqual(['api: when the prompt is about its description', 'release: when the prompt says #release']);
    expect(steeringFor('styles/site.css', entries).applies.map((a) => a.name)).toContain('react');
    expect(steeringFor('tools/x.py', entries).applies.map((a) => a.name)).toEqual(['product', 'python', 'AGENTS']);
  });

  it('says when a file applies only because its front matter is broken', async () => {
    const entries = await loadSteering({ workspace: memoryWorkspace({ '.kiro/steering/notes.md': '---\ninclusion: [fileMatch\n---\n' }) });
    expect(steeringFor('a.ts', entries).applies.map((a) => a.reason)).toEqual(['always (its front matter cannot be read)']);
  });
});
