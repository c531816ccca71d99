import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KeelError } from '../../../protocol';
import { WorkspaceService } from '../workspace/workspace-service';
import { SteeringService } from './steering-service';
import { UserSteeringDir } from './user-steering';

let root: string;
let userDir: string;
let ws: WorkspaceService;
let service: SteeringService;

async function put(base: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(base, path)), { recursive: true });
    await writeFile(join(base, path), text);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keel-steering-'));
  userDir = await mkdtemp(join(tmpdir(), 'keel-user-steering-'));
  ws = await WorkspaceService.open(root, { onChanges: () => undefined });
  service = new SteeringService(ws, new UserSteeringDir(userDir));
});

afterEach(async () => {
  await ws.dispose();
  await rm(root, { recursive: true, force: true });
  await rm(userDir, { recursive: true, force: true });
});

describe('SteeringService', () => {
  it('lists workspace, user-level (shadowed by name) and AGENTS.md with their inclusion and problems', async () => {
    await put(root, {
      '.kiro/steering/tech.md': '# Tech\n',
      '.kiro/steering/react.md': "---\ninclusion: fileMatch\nfileMatchPattern: 'src/**/*.tsx'\n---\n",
      '.kiro/steering/broken.md': '---\ninclusion: [always\n---\nBody kept\n',
      '.kiro/steering/languages/ts.md': "---\ninclusion: fileMatch\nfileMatchPattern: '*.ts'\n---\n",
      'AGENTS.md': '# Agents\n',
    });
    await put(userDir, { 'tech.md': '# Mine\n', 'style.md': '---\ninclusion: manual\n---\n' });
    const { files, userDir: shown } = await service.list();
    expect(shown).toBe('~/.kiro/steering');
    expect(files.map((f) => `${f.source} ${f.displayPath} ${f.inclusion}${f.shadowedBy ? ` shadowed by ${f.shadowedBy}` : ''}`)).toEqual([
      'workspace .kiro/steering/broken.md always',
      'workspace .kiro/steering/languages/ts.md fileMatch',
      'workspace .kiro/steering/react.md fileMatch',
      'workspace .kiro/steering/tech.md always',
      'user ~/.kiro/steering/style.md manual',
      'user ~/.kiro/steering/tech.md always shadowed by .kiro/steering/tech.md',
      'agents AGENTS.md always',
    ]);
    expect(files[0]?.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('Front matter') });
    expect(files[1]?.name).toBe('languages/ts');
    expect(files[2]?.fileMatchPatterns).toEqual(['src/**/*.tsx']);
  });

  it('sets inclusion with a minimal edit, on workspace and user files', async () => {
    await put(root, { '.kiro/steering/tech.md': '---\ninclusion: always # team default\n---\n\n# Tech\n' });
    await put(userDir, { 'style.md': '# Style\n' });
    const r = await service.setInclusion({ source: 'workspace', path: '.kiro/steering/tech.md' }, { inclusion: 'fileMatch', fileMatchPatterns: ['**/*.ts'] });
    expect(r.changed).toBe(true);
    expect(r.file.inclusion).toBe('fileMatch');
    expect(await readFile(join(root, '.kiro/steering/tech.md'), 'utf8')).toBe('---\ninclusion: fileMatch\nfileMatchPattern: "**/*.ts"\n---\n\n# Tech\n');
    await service.setInclusion({ source: 'user', path: 'style.md' }, { inclusion: 'manual' });
    expect(await readFile(join(userDir, 'style.md'), 'utf8')).toBe('---\ninclusion: manual\n---\n# Style\n');
  });

  it('refuses broken front matter and paths outside the steering folders, leaving the bytes as they were', async () => {
    const broken = '---\ninclusion: [always\n---\nBody kept\n';
    await put(root, { '.kiro/steering/broken.md': broken, 'src/a.md': 'x' });
    await expect(service.setInclusion({ source: 'workspace', path: '.kiro/steering/broken.md' }, { inclusion: 'manual' })).rejects.toThrow(
      '.kiro/steering/broken.md: Fix the front matter syntax before editing it.',
    );
    expect(await readFile(join(root, '.kiro/steering/broken.md'), 'utf8')).toBe(broken);
    await expect(service.setInclusion({ source: 'workspace', path: 'src/a.md' }, { inclusion: 'manual' })).rejects.toBeInstanceOf(KeelError);
    await expect(service.setInclusion({ source: 'user', path: '../../etc/x.md' }, { inclusion: 'manual' })).rejects.toThrow('is not a steering file name');
  });

  it('tests patterns over the file index (gitignore honoured), capped with a total', async () => {
    await put(root, { '.gitignore': 'dist/\n', 'src/a.ts': '', 'src/b/c.ts': '', 'src/d.tsx': '', 'dist/e.ts': '', 'README.md': '' });
    expect(await service.testPattern(['src/**/*.ts'])).toEqual({ matches: ['src/a.ts', 'src/b/c.ts'], total: 2 });
    expect(await service.testPattern(['*.ts', '*.tsx'], 2)).toEqual({ matches: ['src/a.ts', 'src/b/c.ts'], total: 3 });
    expect(await service.testPattern([])).toEqual({ matches: [], total: 0 });
  });

  it('creates the three defaults once and never overwrites an existing file', async () => {
    await put(root, { '.kiro/steering/tech.md': 'mine\n' });
    expect(await service.createDefaults()).toEqual({ created: ['.kiro/steering/product.md', '.kiro/steering/structure.md'], existing: ['.kiro/steering/tech.md'] });
    expect(await readFile(join(root, '.kiro/steering/tech.md'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(root, '.kiro/steering/product.md'), 'utf8')).toMatch(/^---\ninclusion: always\n---\n\n# Product Overview\n/);
    expect((await service.createDefaults()).created).toEqual([]);
  });

  it('says which steering applies to a file', async () => {
    await put(root, { '.kiro/steering/react.md': "---\ninclusion: fileMatch\nfileMatchPattern: '*.tsx'\n---\n", '.kiro/steering/release.md': '---\ninclusion: manual\n---\n' });
    await put(userDir, { 'style.md': '# always\n' });
    const r = await service.appliesTo('web/App.tsx');
    expect(r.applies.map((a) => `${a.source}:${a.path} ${a.reason}`)).toEqual(['workspace:.kiro/steering/react.md matches *.tsx', 'user:style.md always included']);
    expect(r.onRequest.map((a) => a.name)).toEqual(['release']);
  });
});
