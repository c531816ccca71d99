/**
 * The layering rule of ARCHITECTURE.md §2 ("may import"), checked by `npm run test:layers` inside `npm test`.
 * Each rule names a folder and what it must not reach.
 */
const forbid = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    forbid('base-node-is-leaf', '^base/', '^(protocol|specs-schema|agent|electron|renderer|cli)/', 'base/node is the bottom Node layer: every Node layer may import it, it imports nothing of Keel'),
    forbid('browser-code-no-base-node', '^(protocol|specs-schema|renderer)/', '^base/node/', 'base/node uses node built-ins; browser-safe layers cannot load it'),
    forbid('protocol-is-leaf', '^protocol/', '^(agent|electron|renderer|cli)/', 'protocol may import only specs-schema and zod'),
    forbid('specs-schema-is-pure', '^specs-schema/', '^(protocol|agent|electron|renderer|cli)/', 'specs-schema is the bottom layer'),
    {
      name: 'specs-schema-browser-safe',
      severity: 'error',
      comment: 'specs-schema runs in the renderer: no node built-ins',
      from: { path: '^specs-schema/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'protocol-browser-safe',
      severity: 'error',
      comment: 'protocol runs in the renderer: no node built-ins',
      from: { path: '^protocol/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    forbid('agent-layer', '^agent/', '^(electron|renderer|cli)/', 'agent reaches the workspace only through interfaces it declares'),
    forbid('electron-not-renderer', '^electron/', '^(renderer|cli)/', 'the main process never imports the UI'),
    forbid('renderer-layer', '^renderer/', '^(electron|agent|cli)/', 'the renderer talks to main only over the contract'),
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'the renderer is sandboxed: no node built-ins',
      from: { path: '^renderer/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    forbid('cli-not-renderer', '^cli/', '^renderer/', 'the CLI runs headless'),
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
