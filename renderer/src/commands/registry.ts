import {
  formatKeybinding,
  isModifierOnly,
  parseKeybinding,
  samePress,
  type KeyPress,
  type Keybinding,
  type Platform,
} from './keybinding';

export interface CommandContext {
  /** Focus is inside a terminal: only commands marked `inTerminal` take keys from the shell. */
  terminalFocused: boolean;
}

export interface CommandSpec {
  id: string;
  title: string;
  /** Shown before the title in the palette, as in VS Code ("File: Save"). */
  category?: string;
  keybindings?: string[];
  /** Keys reach this command even while a terminal has focus (VS Code's commandsToSkipShell). */
  inTerminal?: boolean;
  /** When false, the command is hidden from the palette and its keys do nothing. */
  enabled?: () => boolean;
  /**
   * `args` is whatever the caller passed to `execute` (a tree item's or code lens's target); the palette and keys
   * pass none, so a command that takes arguments checks their shape and otherwise asks (a pick), never assumes.
   */
  run: (args?: unknown) => void | Promise<void>;
}

export interface Command extends CommandSpec {
  bindings: Keybinding[];
  /** Label of the first keybinding, e.g. `Ctrl+Shift+P`; '' when unbound. */
  keyLabel: string;
}

export type KeyResolution =
  | { kind: 'run'; command: Command }
  | { kind: 'chord'; label: string }
  | { kind: 'none' };

export class CommandRegistry {
  private readonly commands = new Map<string, Command>();
  private chordPrefix: KeyPress | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(readonly platform: Platform) {}

  /** Registers a command; a duplicate id or a malformed keybinding is a programming error and throws. */
  register(spec: CommandSpec): () => void {
    if (this.commands.has(spec.id)) throw new Error(`Command already registered: ${spec.id}`);
    const bindings = (spec.keybindings ?? []).map((k) => parseKeybinding(k, this.platform));
    const command: Command = {
      ...spec,
      bindings,
      keyLabel: bindings[0] ? formatKeybinding(bindings[0], this.platform) : '',
    };
    this.commands.set(spec.id, command);
    this.emit();
    return () => {
      if (this.commands.get(spec.id) === command) this.commands.delete(spec.id);
      this.emit();
    };
  }

  get(id: string): Command | undefined {
    return this.commands.get(id);
  }

  /** Commands for the palette: enabled ones, sorted by their full label. */
  list(): Command[] {
    return [...this.commands.values()]
      .filter((c) => c.enabled?.() ?? true)
      .sort((a, b) => fullTitle(a).localeCompare(fullTitle(b)));
  }

  /** Runs a command with optional arguments; a disabled one does nothing (as its keys would). */
  async execute(id: string, args?: unknown): Promise<void> {
    const command = this.commands.get(id);
    if (!command) throw new Error(`Unknown command: ${id}`);
    if (command.enabled && !command.enabled()) return;
    await (args === undefined ? command.run() : command.run(args));
  }

  /**
   * Feeds one key press. A press that starts a chord (`Ctrl+K` of `Ctrl+K S`) is remembered and reported as
   * `chord`; the next press completes or cancels it.
   */
  resolve(press: KeyPress, ctx: CommandContext): KeyResolution {
    if (isModifierOnly(press)) return { kind: 'none' };
    const prefix = this.chordPrefix;
    this.chordPrefix = null;
    let startsChord = false;
    for (const command of this.commands.values()) {
      if (ctx.terminalFocused && !command.inTerminal) continue;
      if (command.enabled && !command.enabled()) continue;
      for (const binding of command.bindings) {
        const [first, second] = binding;
        if (!first) continue;
        if (prefix) {
          if (second && samePress(first, prefix) && samePress(second, press)) return { kind: 'run', command };
        } else if (samePress(first, press)) {
          if (!second) return { kind: 'run', command };
          startsChord = true;
        }
      }
    }
    if (startsChord) {
      this.chordPrefix = press;
      return { kind: 'chord', label: formatKeybinding([press], this.platform) };
    }
    return { kind: 'none' };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

export function fullTitle(c: Pick<CommandSpec, 'category' | 'title'>): string {
  return c.category ? `${c.category}: ${c.title}` : c.title;
}
