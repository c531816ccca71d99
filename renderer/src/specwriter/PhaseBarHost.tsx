import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { lazy, Suspense } from 'react';
import { useTabs } from '../state/tabs';
import { isSpecTab, specDirOf } from '../specs/specTab';
import { PhaseBar } from './PhaseBar';
import { useSpecWriter, writingPhase } from './specWriterStore';
import './specwriter.css';

const NewSpecDialog = lazy(() => import('../specs/NewSpecDialog').then((m) => ({ default: m.NewSpecDialog })));

/**
 * Mounted once (as a status item): the "planner is writing" status entry, the New Spec from Prompt dialog, and the
 * phase bar, which it places inside the active spec editor, between its header and its body. The spec editor
 * has no slot for other features yet, so the bar goes into a container of its own inserted there.
 */
export function SpecWriterStatus() {
  const active = useTabs((s) => s.active);
  const dir = isSpecTab(active) ? specDirOf(active) : undefined;
  const state = useSpecWriter((s) => (dir ? s.states[dir] : undefined));
  const dismissed = useSpecWriter((s) => (dir ? s.dismissed[dir] : undefined));
  const dialogOpen = useSpecWriter((s) => s.dialogOpen);
  const writing = useSpecWriter((s) => Object.values(s.states).filter((x) => writingPhase(x) !== undefined).length);
  const slot = useSpecEditorSlot(state && !(dismissed && state.current >= state.phases.length) ? (dir ?? '') : '');
  return (
    <>
      {writing > 0 && (
        <span className="status-item" data-testid="status-spec-writer" title="Keel's planner is writing a spec">
          <span className="phase-spinner" aria-hidden="true" /> Writing {writing === 1 ? 'a spec' : `${writing} specs`}…
        </span>
      )}
      {slot && state && createPortal(<PhaseBar key={state.dir} state={state} />, slot)}
      {dialogOpen && (
        <Suspense fallback={null}>
          <NewSpecDialog onDone={() => useSpecWriter.getState().setDialog(false)} />
        </Suspense>
      )}
    </>
  );
}

/** A container right after the header of the spec editor showing `dir` (kept there while that editor re-renders). */
function useSpecEditorSlot(dir: string): HTMLElement | null {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!dir) {
      setSlot(null);
      return;
    }
    const el = document.createElement('div');
    el.className = 'phase-bar-slot';
    const place = () => {
      const editor = [...document.querySelectorAll<HTMLElement>('[data-testid="spec-editor"]')].find((e) => `.kiro/specs/${e.dataset.spec}` === dir || dir.endsWith(`/${e.dataset.spec}`));
      const header = editor?.querySelector(':scope > .spec-header');
      if (!editor || !header) return;
      if (el.parentElement !== editor || el.previousElementSibling !== header) header.after(el);
    };
    place();
    setSlot(el);
    const observer = new MutationObserver(place);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      el.remove();
    };
  }, [dir]);
  return slot;
}
