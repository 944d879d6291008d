import type { Database } from "./connection";
import {
  beginGuestChange,
  completeGuestChange,
  getGuestChange,
  listGuestChanges,
  retryGuestChange,
} from "./guest-change-queries";
import type {
  GuestChangePageRequest,
  GuestChangeRecord,
  GuestChangeResult,
  NewGuestChange,
} from "./guest-change-types";
import { guarded } from "./store-error";

/** `store.changes`: group memberships, removals, restores and sponsor changes (guest-change-queries.ts). */
export interface GuestChangeStore {
  /** Records the change `pending`; call Graph only after this returns. */
  begin(entry: NewGuestChange): Promise<GuestChangeRecord>;
  /** A failed (or abandoned pending) change back to pending for another try; undefined if not retryable. */
  retry(
    id: string,
    actor: { oid: string; name?: string | null; upn?: string | null },
    options?: { staleAfterMs?: number },
  ): Promise<GuestChangeRecord | undefined>;
  /** Undefined when the id is unknown or the change is no longer pending. */
  complete(id: string, result: GuestChangeResult): Promise<GuestChangeRecord | undefined>;
  get(id: string): Promise<GuestChangeRecord | undefined>;
  list(request: GuestChangePageRequest): Promise<GuestChangeRecord[]>;
}

export function createGuestChangeStore(db: Database): GuestChangeStore {
  return {
    begin: (entry) => guarded("beginGuestChange", () => beginGuestChange(db, entry)),
    retry: (id, actor, options) =>
      guarded("retryGuestChange", () => retryGuestChange(db, id, actor, options?.staleAfterMs)),
    complete: (id, result) =>
      guarded("completeGuestChange", () => completeGuestChange(db, id, result)),
    get: (id) => guarded("getGuestChange", () => getGuestChange(db, id)),
    list: (request) => guarded("listGuestChanges", () => listGuestChanges(db, request)),
  };
}
