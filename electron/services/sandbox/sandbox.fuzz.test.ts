import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandSandbox } from './command-sandbox';
import { detectSandbox } from './detect';
import { commandArbitrary, runBatch } from './fuzz-commands';
import { createScene, type Scene } from './test-support';

// Issue 17, Deliver 7: ≥ 10,000 generated command lines — writes aimed outside the workspace and at its control
// files, through redirections, option abuse, git config, xargs, eval, subshells and wrappers, plus connections to
// a TCP listener on 127.0.0.1 — run for real in bubblewrap. Many commands share one bwrap (one script per batch,
// each command in its own subshell through `eval`, so a syntax error or an `exit` costs only that command).
// Afterwards the canary folder, the home and the protected files hash as before and the listener saw nothing.
const COMMANDS = 10_000;
const BATCH = 500;

let scene: Scene;
let sandbox: CommandSandbox;
beforeAll(async () => {
  const support = await detectSandbox();
  expect(support, 'bubblewrap must be installed and usable for these tests').toMatchObject({ kind: 'bwrap' });
  scene = await createScene();
  sandbox = new CommandSandbox(support, { home: scene.home });
});
afterAll(async () => {
  await scene?.close();
});

describe('fuzz: generated commands in the real sandbox', () => {
  it(`${COMMANDS} commands: nothing written outside the workspace or into its control files, no connection`, async () => {
    const before = scene.fingerprint();
    const commands = fc.sample(commandArbitrary(scene), { numRuns: COMMANDS, seed: 17 });
    expect(new Set(commands).size).toBeGreaterThan(COMMANDS / 4);
    let ran = 0;
    // Two at a time: the machine has two cores.
    for (let i = 0; i < commands.length; i += BATCH * 2) {
      const counts = await Promise.all([0, 1].map(async (k) => {
        const part = commands.slice(i + k * BATCH, i + (k + 1) * BATCH);
        return part.length ? runBatch(part, 'confined', scene, sandbox, String(k)) : 0;
      }));
      ran += counts.reduce((a, b) => a + b, 0);
    }
    // Every command was run (each batch counts its own), none escaped.
    expect(ran).toBeGreaterThanOrEqual(COMMANDS * 0.99);
    expect(scene.fingerprint()).toBe(before);
    expect(scene.connections()).toBe(0);
  }, 170_000);

  it('has teeth: the same generator outside the sandbox does write outside and connect', async () => {
    const control = await createScene();
    try {
      const before = control.fingerprint();
      const commands = fc.sample(commandArbitrary(control), { numRuns: 200, seed: 17 });
      await runBatch(commands, 'none', control, sandbox);
      expect(control.fingerprint()).not.toBe(before);
      expect(control.connections()).toBeGreaterThan(0);
    } finally {
      await control.close();
    }
  }, 60_000);
});
