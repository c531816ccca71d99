import type { Client, TerminalInfo } from '../../../protocol';
import { useLayout } from '../state/layout';
import { notifyError } from '../state/notifications';
import { useTerminals } from '../state/terminals';
import { AckBatcher } from './ackBatcher';
import { AnnouncedTerminals, exitMessage, keepsTypingTarget, ORPHAN_LIMIT } from './commandTabs';

type XtermModule = typeof import('./xtermModule');
type Term = InstanceType<XtermModule['Terminal']>;
type Fit = InstanceType<XtermModule['FitAddon']>;

interface Session {
  id: string;
  term: Term;
  fit: Fit;
  element: HTMLDivElement;
  /** Output that arrived while the scrollback was being fetched; written after it, in order. */
  held: string[] | null;
  /** Keys typed into a new terminal before the host answered with its id; sent once it has one. */
  typedEarly: string[];
  /** Output of a terminal not on screen, handed to xterm when the page is idle (see `output`). */
  background: string[];
  cols: number;
  rows: number;
}

let xtermPromise: Promise<XtermModule> | null = null;
const loadXterm = () => (xtermPromise ??= import('./xtermModule'));

/**
 * Owns the xterm instances: one per host terminal, kept alive while the panel is hidden or another tab is shown,
 * so output is never lost and switching tabs is instant. The React panel only lends a host element.
 */
export class TerminalService {
  private readonly sessions = new Map<string, Session>();
  /** Output for terminals whose session is not set up yet (create's reply can trail the first output). */
  private readonly orphans = new Map<string, string[]>();
  private readonly announced = new AnnouncedTerminals();
  /** Sessions being created, so a restore and an announcement never make two xterms for one terminal. */
  private readonly creating = new Map<string, Promise<Session>>();
  private readonly acks: AckBatcher;
  private host: HTMLElement | null = null;
  private hostWaiters: ((el: HTMLElement) => void)[] = [];
  private resizeObserver: ResizeObserver | null = null;
  private restoring: Promise<void> | null = null;
  private idleFlush: number | undefined;

  constructor(private readonly client: Client) {
    this.acks = new AckBatcher((id, chars) => void this.client.request('terminal/ack', { id, chars }).catch(() => {}));
    client.on('terminal/data', ({ id, data }) => this.output(id, data));
    client.on('terminal/exit', ({ id, exitCode, signal }) => this.exit(id, exitCode, signal));
    client.on('terminal/opened', (info) => void this.opened(info));
    client.on('terminal/closed', ({ id }) => this.forget(id));
    useLayout.subscribe((s, prev) => {
      if (s.theme !== prev.theme) void this.applyTheme();
    });
    useTerminals.subscribe((s, prev) => {
      if (s.active !== prev.active) this.showActive();
    });
  }

  /** The panel mounted (or unmounted, with null) the element terminals are shown in. */
  setHost(el: HTMLElement | null): void {
    this.resizeObserver?.disconnect();
    this.host = el;
    if (!el) return;
    for (const s of this.sessions.values()) el.appendChild(s.element);
    this.resizeObserver = new ResizeObserver(() => this.fitAll());
    this.resizeObserver.observe(el);
    for (const w of this.hostWaiters.splice(0)) w(el);
    this.showActive();
  }

  /**
   * Lists and re-attaches the host's terminals: once after the page loads, and again (`force`) after a reconnect.
   * Concurrent calls share one run.
   */
  restore(force = false): Promise<void> {
    if (useTerminals.getState().restored && !force && !this.restoring) return Promise.resolve();
    this.restoring ??= this.doRestore(force).finally(() => {
      this.restoring = null;
      useTerminals.getState().setRestored();
    });
    return this.restoring;
  }

  /**
   * Resolves once every listed terminal has a tab and an xterm (so it can be shown and focused at once); the
   * scrollback of each arrives in the background.
   */
  private async doRestore(force: boolean) {
    // An announced terminal already has all its output, unless events were lost to a reconnect (`force`).
    const list = (await this.client.request('terminal/list', {})).filter((info) => force || !this.announced.has(info.id));
    const sessions = await Promise.all(list.map((info) => this.sessionFor(info)));
    sessions.forEach((session, i) => void this.attach(session, list[i]!.id));
  }

  /**
   * The host started a terminal for a command: show its tab and the panel, but leave the keyboard where the user
   * is typing (editor, chat, or another terminal, whose tab then stays in front).
   */
  private async opened(info: TerminalInfo) {
    if (this.sessions.has(info.id) || !this.announced.add(info.id)) return;
    if (!this.orphans.has(info.id)) this.orphans.set(info.id, []);
    const keepActive = keepsTypingTarget(this.host) ? useTerminals.getState().active : null;
    useLayout.getState().showPanel('terminal');
    try {
      await this.waitForHost();
      if (this.announced.takeOverflow(info.id)) {
        await this.attach(await this.sessionFor(info), info.id);
      } else {
        const session = await this.ensureSession(info.id);
        useTerminals.getState().add({ id: info.id, title: info.title, exitCode: null });
        for (const chunk of this.orphans.get(info.id) ?? []) this.writeAndAck(session, chunk);
        this.orphans.delete(info.id);
        const exit = this.announced.takeExit(info.id);
        if (exit) this.exit(info.id, exit.exitCode, exit.signal);
      }
      if (keepActive) useTerminals.getState().activate(keepActive);
      this.showActive();
    } catch (err) {
      notifyError(`Could not show the terminal "${info.title}"`, err);
    }
  }

  private ensureSession(id: string): Promise<Session> {
    const existing = this.sessions.get(id);
    if (existing) return Promise.resolve(existing);
    let creating = this.creating.get(id);
    if (!creating) {
      creating = this.createSession(id).finally(() => this.creating.delete(id));
      this.creating.set(id, creating);
    }
    return creating;
  }

  private async sessionFor(info: TerminalInfo): Promise<Session> {
    const session = await this.ensureSession(info.id);
    // Live output arriving before the scrollback is held back and written after it, in order.
    session.held = [];
    useTerminals.getState().add({ id: info.id, title: info.title, exitCode: info.exitCode });
    if (info.exitCode !== null) useTerminals.getState().exited(info.id, info.exitCode);
    return session;
  }

  private async attach(session: Session, id: string) {
    try {
      const { scrollback, info } = await this.client.request('terminal/attach', { id });
      session.term.reset();
      // Scrollback is history the host already counted as delivered: written, not acknowledged.
      if (scrollback) session.term.write(scrollback, () => this.scrollToEnd(session));
      for (const chunk of session.held ?? []) this.writeAndAck(session, chunk);
      if (info.exitCode !== null) {
        useTerminals.getState().exited(id, info.exitCode);
        this.writeExitLine(session, info.exitCode);
      }
    } catch (err) {
      notifyError('Could not reattach a terminal', err);
    } finally {
      session.held = null;
    }
  }

  /** Fetches xterm's chunk ahead of need (called when the workbench is idle). */
  prefetch(): void {
    void loadXterm().catch(() => {});
  }

  async create(): Promise<void> {
    let probe: Session | null = null;
    try {
      const host = await this.waitForHost();
      probe = await this.createSession(null);
      host.appendChild(probe.element);
      probe.element.classList.remove('hidden');
      probe.fit.fit();
      // Focus at once so keys typed while the shell starts go to it, not to the editor that had focus.
      probe.term.focus();
      const { cols, rows } = probe.term;
      const info = await this.client.request('terminal/create', { cols: Math.max(cols, 2), rows: Math.max(rows, 1) });
      this.adopt(probe, info);
    } catch (err) {
      probe?.term.dispose();
      probe?.element.remove();
      notifyError('Could not create a terminal', err);
    }
  }

  async kill(id: string): Promise<void> {
    const running = useTerminals.getState().terminals.find((t) => t.id === id)?.exitCode === null;
    this.forget(id);
    // Also sent for an exited terminal, so the host forgets it and it does not come back after a reload.
    await this.client.request('terminal/kill', { id }).catch((err) => {
      if (running) notifyError('Could not kill the terminal', err);
    });
  }

  /** Drops the tab and its xterm (closed here, in another window, or replaced by the host). */
  private forget(id: string): void {
    const session = this.sessions.get(id);
    useTerminals.getState().remove(id);
    this.acks.forget(id);
    this.orphans.delete(id);
    this.announced.forget(id);
    if (session) {
      session.term.dispose();
      session.element.remove();
      this.sessions.delete(id);
    }
  }

  focusActive(): void {
    const id = useTerminals.getState().active;
    if (id) this.sessions.get(id)?.term.focus();
  }

  private adopt(session: Session, info: TerminalInfo) {
    session.id = info.id;
    session.element.dataset.terminalId = info.id;
    session.cols = info.cols;
    session.rows = info.rows;
    this.sessions.set(info.id, session);
    for (const data of session.typedEarly.splice(0)) this.send(info.id, data);
    useTerminals.getState().add({ id: info.id, title: info.title, exitCode: info.exitCode });
    for (const chunk of this.orphans.get(info.id) ?? []) this.writeAndAck(session, chunk);
    this.orphans.delete(info.id);
    this.showActive();
    session.term.focus();
  }

  private async createSession(id: string | null): Promise<Session> {
    const { Terminal, FitAddon, xtermTheme, tryWebgl } = await loadXterm();
    const element = document.createElement('div');
    element.className = 'terminal-instance hidden';
    element.dataset.testid = 'terminal-hidden';
    const term = new Terminal({
      fontFamily: "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, 'Liberation Mono', monospace",
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
      theme: xtermTheme(useLayout.getState().theme),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    void tryWebgl(term);
    const session: Session = { id: id ?? '', term, fit, element, held: null, typedEarly: [], background: [], cols: 0, rows: 0 };
    this.wire(session);
    if (id !== null) {
      element.dataset.terminalId = id;
      this.sessions.set(id, session);
      this.host?.appendChild(element);
    }
    return session;
  }

  private wire(session: Session) {
    // After its process ended, a key closes the terminal (the line it shows says so), as in VS Code. onKey, not
    // onData: xterm also answers queries in replayed output through onData, which must not close anything.
    session.term.onKey(() => {
      if (session.id && useTerminals.getState().terminals.find((t) => t.id === session.id)?.exitCode != null) void this.kill(session.id);
    });
    session.term.onData((data) => {
      if (session.id) this.send(session.id, data);
      else session.typedEarly.push(data);
    });
  }

  private send(id: string, data: string) {
    void this.client.request('terminal/write', { id, data }).catch(() => {});
  }

  private output(id: string, data: string) {
    const session = this.sessions.get(id);
    if (!session) {
      // Bounded: output for a terminal this window never adopts must not pile up.
      const queue = this.orphans.get(id) ?? [];
      if (queue.length < ORPHAN_LIMIT) queue.push(data);
      else if (this.announced.has(id)) this.announced.overflow(id); // the tab will start from the host's scrollback
      this.orphans.set(id, queue);
      return;
    }
    if (session.held) session.held.push(data);
    else if (session.id !== useTerminals.getState().active || session.background.length) this.queueBackground(session, data);
    else this.writeAndAck(session, data);
  }

  /**
   * A terminal that is not on screen parses its output only when the page is idle, so a flood in a background
   * tab cannot delay the echo of keys typed in the visible one. Nothing is dropped: xterm acknowledges the output
   * once parsed, and until then flow control slows the background process instead.
   */
  private queueBackground(session: Session, data: string) {
    session.background.push(data);
    if (this.idleFlush !== undefined) return;
    this.idleFlush = requestIdleCallback(() => {
      this.idleFlush = undefined;
      for (const s of this.sessions.values()) this.flushBackground(s);
    }, { timeout: 250 });
  }

  private flushBackground(session: Session) {
    if (!session.background.length) return;
    const data = session.background.join('');
    session.background = [];
    this.writeAndAck(session, data);
  }

  private writeAndAck(session: Session, data: string) {
    if (!data) return;
    session.term.write(data, () => this.acks.written(session.id, data.length));
  }

  private exit(id: string, exitCode: number, signal?: number) {
    const session = this.sessions.get(id);
    if (!session && this.announced.has(id)) {
      // Its tab is still being made: the exit is shown after the output that came before it.
      this.announced.holdExit(id, signal === undefined ? { exitCode } : { exitCode, signal });
      return;
    }
    // Like a shell's $?: a process ended by a signal shows 128 + its number, never a green "exit 0".
    useTerminals.getState().exited(id, signal ? 128 + signal : exitCode);
    this.writeExitLine(session, exitCode, signal);
  }

  /** After the output already queued in xterm, so the line knows where the output left the cursor. */
  private writeExitLine(session: Session | undefined, exitCode: number, signal?: number) {
    // Output waiting for an idle moment (a tab in the background) goes first: the line ends the output.
    if (session) this.flushBackground(session);
    session?.term.write('', () => session.term.write(exitMessage(exitCode, signal, session.term.buffer.active.cursorX > 0)));
  }

  /**
   * Inactive terminals stay laid out but invisible (not `display: none`), so they keep measuring their font,
   * fitting the panel and following their output while another tab is shown.
   */
  private showActive() {
    const active = useTerminals.getState().active;
    for (const s of this.sessions.values()) {
      const shown = s.id === active;
      if (shown) this.flushBackground(s);
      s.element.classList.toggle('hidden', !shown);
      s.element.setAttribute('aria-hidden', String(!shown));
      // Exactly one element answers to the `terminal` test id: the terminal on screen.
      s.element.dataset.testid = shown ? 'terminal' : 'terminal-hidden';
    }
    this.fitAll();
  }

  /** After the scrollback of a re-attached terminal is written, show its end. */
  private scrollToEnd(session: Session) {
    requestAnimationFrame(() => session.term.scrollToBottom());
  }

  private fitAll(retries = 10) {
    if (!this.host || this.host.clientWidth === 0 || this.host.clientHeight === 0) return;
    let unmeasured = false;
    for (const session of this.sessions.values()) {
      // A terminal's font is measured a frame after it is opened: until then there is nothing to fit.
      if (!session.fit.proposeDimensions()) {
        unmeasured = true;
        continue;
      }
      const buffer = session.term.buffer.active;
      const following = buffer.viewportY >= buffer.baseY;
      session.fit.fit();
      // Fewer rows keep the top line in place; a terminal that was following its output stays at the end.
      if (following) session.term.scrollToBottom();
      const { cols, rows } = session.term;
      if (cols === session.cols && rows === session.rows) continue;
      session.cols = cols;
      session.rows = rows;
      void this.client.request('terminal/resize', { id: session.id, cols, rows }).catch(() => {});
    }
    if (unmeasured && retries > 0) requestAnimationFrame(() => this.fitAll(retries - 1));
  }

  private waitForHost(): Promise<HTMLElement> {
    if (this.host) return Promise.resolve(this.host);
    return new Promise((resolve) => this.hostWaiters.push(resolve));
  }

  private async applyTheme() {
    if (!xtermPromise) return;
    const { xtermTheme } = await xtermPromise;
    for (const s of this.sessions.values()) s.term.options.theme = xtermTheme(useLayout.getState().theme);
  }
}
