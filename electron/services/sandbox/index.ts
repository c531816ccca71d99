export { CommandSandbox, defaultCommandSandbox, type Launch, type LaunchRequest, type SandboxMode } from './command-sandbox';
export { detectSandbox, type SandboxSupport } from './detect';
export { scrubEnv } from './env-scrub';
