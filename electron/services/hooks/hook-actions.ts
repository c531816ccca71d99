import path from 'node:path';
import { KEEL_TOOLS } from '../../../specs-schema';
import type { CommandResult, CommandRunner } from './command-runner';
import { TRIGGER_NAME, type AgentTurnRunner, type HookEntry, type HookRunStatus, type HookTrigger } from './hook-types';

/** Kiro's default when a runCommand hook gives no `timeout` (seconds). */
export const DEFAULT_TIMEOUT_SEC = 60;
/** Linux caps one environment string at 128 KiB; a list longer than this is cut, with a note. */
const MAX_ENV_LIST = 100_000;

/**
 * The environment a hook command sees: the user's environment plus what triggered it. `USER_PROMPT` and
 * `KIRO_FILE_PATH` (the absolute path of the first file) are Kiro's names; the others are Keel's
 * (`KEEL_CHANGED_FILES` holds workspace-relative paths, one per line).
 */
export function hookEnv(base: NodeJS.ProcessEnv, hookName: string, trigger: HookTrigger, root?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, KEEL_HOOK_NAME: hookName, KEEL_HOOK_EVENT: trigger.event };
  const first = trigger.files?.[0];
  if (first !== undefined && root !== undefined) env.KIRO_FILE_PATH = path.join(root, first);
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

/**
 * What a Kiro 1.0 command hook reads on stdin: Kiro's snake_case fields (`tool_name` is Kiro's name for the tool,
 * `tool_input` Keel's own input), plus the file, the prompt or the task that triggered it.
 */
export function kiroPayload(trigger: HookTrigger, root: string): Record<string, unknown> {
  const tool = trigger.tool;
  const files = trigger.files?.map((f) => path.join(root, f));
  return {
    session_id: trigger.sessionId ?? '',
    hook_event_name: TRIGGER_NAME[trigger.event],
    cwd: root,
    ...(tool ? { tool_name: KEEL_TOOLS[tool.name]?.kiro[0] ?? tool.name, tool_input: tool.input ?? {} } : {}),
    ...(tool?.response !== undefined ? { tool_response: tool.response } : {}),
    ...(files?.length ? { file_path: files[0], file_paths: files } : {}),
    ...(trigger.prompt !== undefined ? { prompt: trigger.prompt } : {}),
    ...(trigger.task ? { spec: trigger.task.spec, task_id: trigger.task.taskId, task_title: trigger.task.title } : {}),
  };
}

/** `{filePath}` in a v1 command (seen in real hooks) becomes the triggering file, quoted for the shell. */
export function substituteFilePath(command: string, trigger: HookTrigger, root: string): string {
  if (!command.includes('{filePath}')) return command;
  const first = trigger.files?.[0];
  const value = first === undefined ? '' : path.join(root, first);
  const quoted = /^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
  return command.split('{filePath}').join(quoted);
}

/** Triggers where a v1 command's exit code 2 stops what was about to happen. */
const BLOCKING_EVENTS = new Set<HookTrigger['event']>(['preToolUse', 'preTaskExecution']);

export async function executeAction(hook: HookEntry, trigger: HookTrigger, deps: ActionDeps): Promise<ActionResult> {
  const then = hook.action;
  const v1 = hook.format === 'v1';
  if (then.type === 'command') {
    const timeoutSec = then.timeout ?? DEFAULT_TIMEOUT_SEC;
    const result = await deps.runner.run({
      command: v1 ? substituteFilePath(then.command, trigger, deps.root) : then.command,
      cwd: deps.root,
      env: hookEnv(deps.env, hook.name, trigger, deps.root),
      ...(v1 ? { stdin: JSON.stringify(kiroPayload(trigger, deps.root)) } : {}),
      timeoutMs: timeoutSec * 1000,
      ...(deps.hookId !== undefined ? { hookId: deps.hookId, hookName: hook.name } : {}),
      signal: deps.signal,
      onStart: deps.onStart,
      onOutput: deps.onOutput,
    });
    const output = result.truncated ? `… (earlier output dropped)\n${result.output}` : result.output;
    if (v1) return v1CommandResult(hook.name, trigger, result, output, timeoutSec);
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
  // Kiro's "Add to prompt": on promptSubmit (and sessionStart) an agent hook's prompt joins the user's prompt.
  if (trigger.event === 'promptSubmit' || trigger.event === 'sessionStart') {
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

/**
 * Kiro 1.0's exit codes: 0 succeeds, 2 on PreToolUse / PreTaskExec blocks with stderr as the reason (shown to the
 * user and the model), anything else is a failure that does not block.
 */
function v1CommandResult(name: string, trigger: HookTrigger, result: CommandResult, output: string, timeoutSec: number): ActionResult {
  if (result.error) return { status: 'failed', exitCode: null, output, reason: result.error };
  if (result.cancelled) return { status: 'cancelled', exitCode: result.exitCode, output, reason: 'Cancelled.' };
  if (result.timedOut) return { status: 'timedOut', exitCode: result.exitCode, output, reason: `Stopped after ${timeoutSec} s (the hook's timeout).` };
  if (result.exitCode === 0) return { status: 'succeeded', exitCode: 0, output };
  const reason = result.exitCode === null ? `Ended by signal ${result.signal ?? 'unknown'}.` : `Exited with code ${result.exitCode}.`;
  if (result.exitCode === 2 && BLOCKING_EVENTS.has(trigger.event)) {
    // A runner that cannot separate stderr (a visible terminal) gives the output's tail instead.
    const why = (result.stderr ?? output).trim().split('\n').slice(-20).join('\n');
    return { status: 'failed', exitCode: 2, output, reason, block: why ? `"${name}": ${why}` : `"${name}" exited with code 2.` };
  }
  return { status: 'failed', exitCode: result.exitCode, output, reason };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
