import { createBulkJobStore, type BulkJobStore } from "./bulk-job-store";
import { createGuestChangeStore, type GuestChangeStore } from "./guest-change-store";
import type { Database } from "./connection";
import {
  createPortalSettingsStore,
  createStaleDigestStore,
  type PortalSettingsStore,
  type StaleDigestStore,
} from "./stale-digest-store";
import { beginAttempt, completeAttempt, getAttempt } from "./attempt-queries";
import {
  guestsInvitedBy,
  historyInviters,
  inviterForGuests,
  latestRedeemUrlForGuest,
  listHistory,
} from "./history-queries";
import { rotateDataKey, type RotationResult } from "./rotate-data-key";
import { guarded } from "./store-error";
import type {
  AttemptResult,
  BeginAttemptOptions,
  BeginAttemptResult,
  GuestInviter,
  HistoryInviter,
  HistoryPage,
  HistoryPageRequest,
  InvitationRecord,
  NewAttempt,
  RedeemLink,
} from "./types";

export interface InvitationStore {
  readonly backend: "pglite" | "postgres";
  beginAttempt(entry: NewAttempt, options?: BeginAttemptOptions): Promise<BeginAttemptResult>;
  /** Undefined when the id is unknown or the attempt is no longer pending. */
  completeAttempt(id: string, result: AttemptResult): Promise<InvitationRecord | undefined>;
  getAttempt(id: string): Promise<InvitationRecord | undefined>;
  listHistory(request: HistoryPageRequest): Promise<HistoryPage>;
  /** The newest redeem URL Graph returned for this guest, optionally only among this inviter's. */
  latestRedeemUrlForGuest(
    guestUserId: string,
    options?: { inviterOid?: string },
  ): Promise<RedeemLink | undefined>;
  /** Who last invited each guest successfully through the portal; guests never invited are absent. */
  inviterForGuests(guestUserIds: readonly string[]): Promise<Map<string, GuestInviter>>;
  /** Ids of the guests this inviter invited successfully, most recently invited first unless `oldestFirst`. */
  guestsInvitedBy(
    inviterOid: string,
    options: { limit: number; offset: number; oldestFirst?: boolean },
  ): Promise<string[]>;
  /** Everyone who appears as inviter in the history, sorted by name. */
  historyInviters(): Promise<HistoryInviter[]>;
  /** Re-encrypts stored redeem URLs with the current data key (rotate-data-key.ts); returns how many. */
  rotateDataKey(): Promise<RotationResult>;
  /** Bulk invitation jobs (bulk-job-store.ts). */
  readonly jobs: BulkJobStore;
  /** Changes to guests that are not invitations (guest-change-store.ts). */
  readonly changes: GuestChangeStore;
  /** Portal-wide settings (stale-digest-store.ts). */
  readonly settings: PortalSettingsStore;
  /** The weekly lists of stale invitations per inviter (stale-digest-store.ts). */
  readonly staleDigest: StaleDigestStore;
  close(): Promise<void>;
}

export function createInvitationStore(
  db: Database,
  backend: InvitationStore["backend"],
  close: () => Promise<void>,
): InvitationStore {
  return {
    backend,
    beginAttempt: (entry, options) =>
      guarded("beginAttempt", () => beginAttempt(db, entry, options)),
    completeAttempt: (id, result) =>
      guarded("completeAttempt", () => completeAttempt(db, id, result)),
    getAttempt: (id) => guarded("getAttempt", () => getAttempt(db, id)),
    listHistory: (request) => guarded("listHistory", () => listHistory(db, request)),
    latestRedeemUrlForGuest: (guestUserId, options) =>
      guarded("latestRedeemUrlForGuest", () => latestRedeemUrlForGuest(db, guestUserId, options)),
    inviterForGuests: (guestUserIds) =>
      guarded("inviterForGuests", () => inviterForGuests(db, guestUserIds)),
    guestsInvitedBy: (inviterOid, options) =>
      guarded("guestsInvitedBy", () => guestsInvitedBy(db, inviterOid, options)),
    historyInviters: () => guarded("historyInviters", () => historyInviters(db)),
    rotateDataKey: () => guarded("rotateDataKey", () => rotateDataKey(db)),
    jobs: createBulkJobStore(db),
    changes: createGuestChangeStore(db),
    settings: createPortalSettingsStore(db),
    staleDigest: createStaleDigestStore(db),
    close,
  };
}
