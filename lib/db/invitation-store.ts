import { createBulkJobStore, type BulkJobStore } from "./bulk-job-store";
import type { Database } from "./connection";
import { beginAttempt, completeAttempt, getAttempt } from "./attempt-queries";
import {
  guestsInvitedBy,
  historyInviters,
  inviterForGuests,
  latestRedeemUrlForGuest,
  listHistory,
} from "./history-queries";
import type { GuestUserType, InvitationKind, InvitationOutcome, InvitationRecord } from "./schema";
import { guarded } from "./store-error";

export type { GuestUserType, InvitationKind, InvitationOutcome, InvitationRecord };

/** What the portal is about to send to Graph. */
export interface NewAttempt {
  kind: InvitationKind;
  /** Unique per inviter; the same key again returns the same row instead of a new invitation. */
  idempotencyKey?: string | null;
  inviterOid: string;
  inviterName?: string | null;
  inviterUpn?: string | null;
  guestEmail: string;
  guestDisplayName?: string | null;
  guestUserId?: string | null;
  userType: GuestUserType;
  redirectUrl: string;
  messageLanguage?: string | null;
  customMessage?: string | null;
  ccRecipient?: string | null;
  sponsorIds?: readonly string[];
  sendInvitationMessage: boolean;
}

export interface BeginAttemptOptions {
  /** A pending attempt older than this is presumed abandoned (its process died) and may be taken over. */
  staleAfterMs?: number;
}

/**
 * - `started`: the caller owns the attempt and must call Graph, then `completeAttempt`. This is a new
 *   row, or a failed (or abandoned) one with the same key reused, `attemptCount` incremented.
 * - `succeeded`: the key was already used successfully; return the stored result.
 * - `in_progress`: another request with this key is still pending.
 */
export type BeginAttemptResult = {
  state: "started" | "succeeded" | "in_progress";
  attempt: InvitationRecord;
};

export interface AttemptResult {
  outcome: Exclude<InvitationOutcome, "pending">;
  invitationId?: string | null;
  guestUserId?: string | null;
  redeemUrl?: string | null;
  /** Graph's invitation status, e.g. "PendingAcceptance". */
  status?: string | null;
  requestId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export interface HistoryFilter {
  inviterOid?: string;
  /** Case-insensitive prefix of the guest's e-mail or display name. */
  guestQuery?: string;
  kind?: InvitationKind;
  outcome?: InvitationOutcome;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface HistoryPageRequest extends HistoryFilter {
  limit: number;
  cursor?: string | null;
}

export interface HistoryPage {
  items: InvitationRecord[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** Rows matching the filter, across all pages. */
  total: number;
}

export interface RedeemLink {
  redeemUrl: string;
  attemptId: string;
  invitationId: string | null;
  inviterOid: string;
  sentAt: Date;
}

export interface GuestInviter {
  oid: string;
  name: string | null;
  upn: string | null;
  kind: InvitationKind;
  invitedAt: Date;
}

export interface HistoryInviter {
  oid: string;
  name: string | null;
  upn: string | null;
}

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
  /** Bulk invitation jobs (bulk-job-store.ts). */
  readonly jobs: BulkJobStore;
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
    jobs: createBulkJobStore(db),
    close,
  };
}
