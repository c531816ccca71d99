import { useEffect, useMemo, useRef, useState } from 'react';
import { findTrigger, kindSuggestions, targetSuggestions, type ChipSources, type ChipTrigger, type Suggestion } from './chips';

export interface ChipMenu {
  trigger: ChipTrigger;
  items: Suggestion[];
  selected: number;
  /** Why the list is empty (a source failed), shown in the menu. */
  error?: string;
}

/**
 * The `#` menu for the text and caret: provider names first, then the chosen provider's targets, fetched with the
 * latest query winning (a slow answer for `#file:a` never replaces the list for `#file:ab`).
 */
export function useChipSuggestions(text: string, caret: number, sources: ChipSources) {
  const trigger = useMemo(() => findTrigger(text, caret), [text, caret]);
  const [menu, setMenu] = useState<ChipMenu | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const request = useRef(0);

  const triggerKey = trigger ? `${trigger.start}|${trigger.kind ?? ''}|${trigger.query}` : '';
  useEffect(() => {
    const id = ++request.current;
    if (!trigger || dismissedAt === trigger.start) {
      setMenu(null);
      return;
    }
    if (!trigger.kind) {
      setMenu({ trigger, items: kindSuggestions(trigger.query), selected: 0 });
      return;
    }
    targetSuggestions(trigger.kind, trigger.query, sources).then(
      (items) => id === request.current && setMenu({ trigger, items, selected: 0 }),
      (err: unknown) => id === request.current && setMenu({ trigger, items: [], selected: 0, error: err instanceof Error ? err.message : String(err) }),
    );
    // triggerKey stands for the trigger's content; the object itself is new on every caret move.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [triggerKey, dismissedAt, sources]);

  return {
    menu,
    move(delta: number) {
      setMenu((m) => (m && m.items.length ? { ...m, selected: (m.selected + delta + m.items.length) % m.items.length } : m));
    },
    select(index: number) {
      setMenu((m) => (m ? { ...m, selected: index } : m));
    },
    dismiss() {
      if (trigger) setDismissedAt(trigger.start);
    },
    /** A new `#` re-opens the menu after Escape. */
    resetDismiss() {
      setDismissedAt(null);
    },
  };
}
