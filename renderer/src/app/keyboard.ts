import { pressFromEvent } from '../commands/keybinding';
import type { CommandRegistry } from '../commands/registry';
import { notifyError } from '../state/notifications';
import { useEditorStatus } from '../state/status';

/**
 * One capture-phase key listener for the whole window, so workbench keys win over Monaco's own bindings
 * (Monaco binds F1 to its own palette) and over the browser's (Ctrl+S, Ctrl+P).
 */
export function installKeybindings(registry: CommandRegistry): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const target = e.target instanceof Element ? e.target : null;
    const terminalFocused = !!target?.closest('.xterm');
    const result = registry.resolve(pressFromEvent(e), { terminalFocused });
    if (result.kind === 'none') {
      if (useEditorStatus.getState().chord) useEditorStatus.getState().set({ chord: null });
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (result.kind === 'chord') {
      useEditorStatus.getState().set({ chord: `(${result.label}) was pressed. Waiting for second key of chord...` });
      return;
    }
    useEditorStatus.getState().set({ chord: null });
    void registry.execute(result.command.id).catch((err) => notifyError(result.command.title, err));
  };
  window.addEventListener('keydown', onKeyDown, true);
  return () => window.removeEventListener('keydown', onKeyDown, true);
}
