/**
 * The `keel` command line: `keel <group> <command> [args]`. Each command lives in `commands/` and declares its own
 * options (parsed strictly with node:util parseArgs) and help. Run as `npm run keel -- …` or `npx tsx cli/keel.ts …`.
 *
 * Exit codes: 0 ok · 1 findings (differences, errors, a failed hook) · 2 usage error (unknown command or option,
 * missing argument, no such spec/hook/folder) · 3 unavailable headless (askAgent hooks) · 70 internal failure.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { EXIT, UsageError, type Command, type CommandIO } from './command';
import { wantsColor } from './style';
import { COMMANDS } from './commands';

const EXIT_HELP = `Exit codes: 0 ok, 1 findings (differences or errors found, a hook failed), 2 usage error,
3 not available without the app (askAgent hooks), 70 internal failure.`;

function generalHelp(prefix: string[] = []): string {
  const list = COMMANDS.filter((c) => prefix.every((w, i) => c.path[i] === w));
  const width = Math.max(...list.map((c) => c.usage.length));
  return [
    'Usage: keel <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  keel ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Run `keel <command> --help` for details.',
    EXIT_HELP,
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [`Usage: keel ${c.usage}`, '', c.summary + '.', '', c.help, '', EXIT_HELP].join('\n');
}

function findCommand(argv: readonly string[]): { command?: Command; rest: string[]; words: string[] } {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
    const command = COMMANDS.find((c) => c.path.length === words.length && c.path.every((w, i) => w === words[i]));
    if (command) return { command, rest: argv.slice(words.length), words };
  }
  return { rest: [], words };
}

export async function runKeel(argv: readonly string[], io: CommandIO): Promise<number> {
  const { command, rest, words } = findCommand(argv);
  if (!command) {
    const wantsHelp = argv.includes('--help') || argv.includes('-h') || argv.length === 0;
    const known = words.length > 0 && COMMANDS.some((c) => words.every((w, i) => c.path[i] === w));
    if (wantsHelp && (words.length === 0 || known)) {
      io.out(generalHelp(words));
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    io.err(`keel: unknown command "${words.join(' ') || argv.join(' ')}"\n\n${generalHelp()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  try {
    const parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    if (!usage) throw e;
    io.err(`keel ${command.path.join(' ')}: ${(e as Error).message}\nUsage: keel ${command.usage}  (see --help)`);
    return EXIT.usage;
  }
}

/** Runs the CLI on this process's arguments and streams; called when this file is the entry, or by bin/keel.mjs. */
export function main(): void {
  // `keel spec stats . --json | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Progress lines only on a terminal: they are rewritten in place with \r, which would litter a log or a pipe.
  let progressShown = false;
  const progress = process.stderr.isTTY
    ? (text: string | undefined) => {
        if (text === undefined && !progressShown) return;
        process.stderr.write(`\r\x1b[K${text ?? ''}`);
        progressShown = text !== undefined;
      }
    : undefined;
  const clearProgress = () => progress?.(undefined);
  const io: CommandIO = {
    out: (l) => {
      clearProgress();
      process.stdout.write(l + '\n');
    },
    err: (l) => {
      clearProgress();
      process.stderr.write(l + '\n');
    },
    cwd: process.cwd(),
    color: wantsColor(process.stdout.isTTY, process.env),
    ...(progress ? { progress } : {}),
  };
  runKeel(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`keel: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) main();
