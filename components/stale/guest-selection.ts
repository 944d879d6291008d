"use client";

import { useCallback, useMemo, useState } from "react";
import { MAX_SELECTED_GUESTS } from "@/lib/pending/stale-inputs";

export type SelectedGuest = { id: string; name: string };

/** A new selection with `guests` ticked (in order, while under `cap`) or unticked. */
export function withGuests(
  current: ReadonlyMap<string, string>,
  guests: readonly SelectedGuest[],
  selected: boolean,
  cap: number = MAX_SELECTED_GUESTS,
): Map<string, string> {
  const next = new Map(current);
  for (const guest of guests) {
    if (!selected) next.delete(guest.id);
    else if (next.size < cap) next.set(guest.id, guest.name);
  }
  return next;
}

/**
 * The stale guests ticked on the pending page, across pages of one filter. `scope` names the filter:
 * when it changes, the selection is dropped (guests ticked under another filter may not match this one).
 * At most MAX_SELECTED_GUESTS, the most a job accepts.
 */
export function useGuestSelection(scope: string) {
  const [state, setState] = useState<{ scope: string; guests: Map<string, string> }>(() => ({
    scope,
    guests: new Map(),
  }));
  const guests = useMemo(
    () => (state.scope === scope ? state.guests : new Map<string, string>()),
    [state, scope],
  );

  const update = useCallback(
    (change: (current: Map<string, string>) => Map<string, string>) =>
      setState((current) => ({
        scope,
        guests: change(current.scope === scope ? current.guests : new Map()),
      })),
    [scope],
  );

  const toggle = useCallback(
    (guest: SelectedGuest, selected: boolean) =>
      update((current) => withGuests(current, [guest], selected)),
    [update],
  );

  /** Ticks (up to the cap) or unticks every guest of one page. */
  const togglePage = useCallback(
    (page: readonly SelectedGuest[], selected: boolean) =>
      update((current) => withGuests(current, page, selected)),
    [update],
  );

  const clear = useCallback(() => update(() => new Map()), [update]);

  return {
    ids: useMemo(() => [...guests.keys()], [guests]),
    count: guests.size,
    atCap: guests.size >= MAX_SELECTED_GUESTS,
    isSelected: useCallback((id: string) => guests.has(id), [guests]),
    toggle,
    togglePage,
    clear,
  };
}

export type GuestSelection = ReturnType<typeof useGuestSelection>;
