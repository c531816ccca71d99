// The release workflow and the packaging config must agree: every installer the config makes is built on a
// runner of its platform and uploaded, and a tag is what publishes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createConfig, installersDir } from './electron-builder.config';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
interface Step { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }
const workflow = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: { installers: { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] } };
};
const job = workflow.jobs.installers;
const runs = job.steps.map((step) => step.run ?? '').join('\n');

describe('release workflow', () => {
  it('runs on v* tags on a Linux, a macOS and a Windows runner', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(workflow.permissions.contents).toBe('write');
  });

  it('installs exactly from the lockfile, fetches Electron, then runs npm run dist with publishing on tags', () => {
    const order = ['npm ci', 'node node_modules/electron/install.js', 'npm run dist -- --publish'].map((cmd) => runs.indexOf(cmd));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(runs).toContain("startsWith(github.ref, 'refs/tags/v') && 'always' || 'never'");
  });

  it('uploads an artifact for every installer target the config builds', () => {
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    const paths = (upload?.with?.path ?? '').split('\n').filter(Boolean);
    const config = createConfig();
    const extensions: Record<string, string> = { AppImage: 'AppImage', deb: 'deb', dmg: 'dmg', nsis: 'exe' };
    const targets = [
      ...(config.linux?.target as string[]),
      ...(config.mac?.target as { target: string }[]).map((t) => t.target),
      ...(config.win?.target as { target: string }[]).map((t) => t.target),
    ];
    for (const target of targets) {
      expect(extensions[target], `a file extension is known for ${target}`).toBeDefined();
      expect(paths).toContain(`${installersDir}/*.${extensions[target]}`);
    }
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('references the signing secrets but exports them only when they are set', () => {
    const signing = job.steps.find((step) => step.name === 'Signing credentials');
    expect(Object.values(signing?.env ?? {})).toEqual(
      expect.arrayContaining(['${{ secrets.MAC_CSC_LINK }}', '${{ secrets.APPLE_ID }}', '${{ secrets.WIN_CSC_LINK }}']),
    );
    expect(signing?.run).toContain('if [ -n "${2:-}" ]');
    // The build step itself never needs a secret beyond the workflow's own token.
    const dist = job.steps.find((step) => step.run?.includes('npm run dist'));
    expect(dist?.env).toEqual({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
  });
});
