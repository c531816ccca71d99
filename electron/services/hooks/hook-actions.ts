import type { CommandRunner } from './command-runner';
import type { AgentTurnRunner, Hook, HookRunStatus, HookTrigger } from './hook-types';

/** Kiro's default when a runCommand hook gives no `timeout` (seconds). */
export const DEFAULT_TIMEOUT_SEC = 60;
/** Linux caps one environment string at 128 KiB; a list longer than this is cut, with a note. */
const MAX_ENV_LIST = 100_000;

/**
 * The environment a hook command sees: the user's environment plus what triggered it. `USER_PROMPT` is Kiro's
 * name; the others are Keel's (`KEEL_CHANGED_FILES` holds workspace-relative paths, one per line).
 */
export function hookEnv(base: NodeJS.ProcessEnv, hookName: string, trigger: HookTrigger): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, KEEL_HOOK_NAME: hookName, KEEL_HOOK_EVENT: trigger.event };
  if (trigger.files) {
    let list = trigger.files.join('\n');
    if (list.length > MAX_ENV_LIST) list = `${list.slice(0, list.lastIndexOf('\n', MAX_ENV_LIST))}\n… (${trigger.files.length} files in all)`;
    env.KEEL_CHANGED_FILES = list;
    env.KEEL_CHANGED_FILE_COUNT = String(trigger.files.length);
  }
  if (trigger.prompt !== undefined) env.USER_PROMPT = trigger.prompt;
  if (trigger.tool) {
    env.KEEL_TOOL_NAME = trigger.tool.name;
    if (trigger.tool.category) env.KEEL_TOOL_CATEGORY = trigger.tool.category;
    if (trigger.tool.input !== undefined) env.KEEL_TOOL_INPUT = truncate(JSON.stringify(trigger.tool.input) ?? '', MAX_ENV_LIST);
  }
  if (trigger.task) {
    env.KEEL_SPEC = trigger.task.spec;
    env.KEEL_TASK_ID = trigger.task.taskId;
    env.KEEL_TASK_TITLE = trigger.task.title;
  }
  return env;
}

/** The hook's prompt followed by what triggered it, so the agent knows which files or which tool call to look at. */
export function agentPrompt(prompt: string, trigger: HookTrigger): string {
  const context: string[] = [];
  if (trigger.files?.length) context.push(`Files (${trigger.event}):\n${trigger.files.map((f) => `- ${f}`).join('\n')}`);
  if (trigger.prompt !== undefined) context.push(`User prompt:\n${trigger.prompt}`);
  if (trigger.tool) context.push(`Tool: ${trigger.tool.name}${trigger.tool.input !== undefined ? `\nInput: ${truncate(JSON.stringify(trigger.tool.input) ?? '', 4000)}` : ''}`);
  if (trigger.task) context.push(`Task ${trigger.task.taskId} of spec ${trigger.task.spec}: ${trigger.task.title}`);
  return context.length ? `${prompt}\n\n---\n${context.join('\n\n')}` : prompt;
}

export interface ActionDeps {
  root: string;
  /** The hook's file: the runner uses it to run the hook where the user chose (terminal or background). */
  hookId?: string;
  env: NodeJS.ProcessEnv;
  runner: CommandRunner;
  agent?: AgentTurnRunner;
  signal: AbortSignal;
  onStart: () => void;
  onOutput: (chunk: string) => void;
}

export interface ActionResult {
  status: Extract<HookRunStatus, 'succeeded' | 'failed' | 'timedOut' | 'cancelled'>;
  exitCode?: number | null;
  output: string;
  reason?: string;
  /** For preToolUse: why the tool call must not go ahead. */
  block?: string;
}

export async function executeAction(hook: Hook, trigger: HookTrigger, deps: ActionDeps): Promise<ActionResult> {
  const then = hook.then;
  if (then.type === 'runCommand') {
    const timeoutSec = then.timeout ?? DEFAULT_TIMEOUT_SEC;
    const result = await deps.runner.run({
      command: then.command,
      cwd: deps.root,
      env: hookEnv(deps.env, hook.name, trigger),
      timeoutMs: timeoutSec * 1000,
      ...(deps.hookId !== undefined ? { hookId: deps.hookId, hookName: hook.name } : {}),
      signal: deps.signal,
      onStart: deps.onStart,
      onOutput: deps.onOutput,
    });
    const output = result.truncated ? `… (earlier output dropped)\n${result.output}` : result.output;
    // Block reasons read after "Blocked by hook: " (what the model and the chat's tool card show).
    if (result.error) return { status: 'failed', exitCode: null, output, reason: result.error, block: `"${hook.name}" could not run: ${result.error}` };
    if (result.cancelled) return { status: 'cancelled', exitCode: result.exitCode, output, reason: 'Cancelled.' };
    if (result.timedOut) {
      const reason = `Stopped after ${timeoutSec} s (the hook's timeout).`;
      return { status: 'timedOut', exitCode: result.exitCode, output, reason, block: `"${hook.name}" timed out after ${timeoutSec} s.` };
    }
    if (result.exitCode === 0) return { status: 'succeeded', exitCode: 0, output };
    const reason = result.exitCode === null ? `Ended by signal ${result.signal ?? 'unknown'}.` : `Exited with code ${result.exitCode}.`;
    const tail = output.trim().split('\n').slice(-20).join('\n');
    return { status: 'failed', exitCode: result.exitCode, output, reason, block: tail ? `"${hook.name}": ${tail}` : `"${hook.name}" ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` };
  }
  // Kiro's "Add to prompt": on promptSubmit an askAgent hook's prompt joins the user's prompt; no turn of its own.
  if (trigger.event === 'promptSubmit') {
    deps.onStart();
    return { status: 'succeeded', output: then.prompt };
  }
  if (!deps.agent) {
    return { status: 'failed', output: '', reason: 'No agent is available to run this askAgent hook.' };
  }
  deps.onStart();
  try {
    const answer = await deps.agent.runTurn({ prompt: agentPrompt(then.prompt, trigger), hookName: hook.name, trigger, signal: deps.signal });
    if (deps.signal.aborted) return { status: 'cancelled', output: answer.output, reason: 'Cancelled.' };
    return answer.block !== undefined ? { status: 'succeeded', output: answer.output, block: answer.block } : { status: 'succeeded', output: answer.output };
  } catch (err) {
    if (deps.signal.aborted) return { status: 'cancelled', output: '', reason: 'Cancelled.' };
    return { status: 'failed', output: '', reason: `The agent turn failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
