import type { GuestUserType, InvitationKind, InvitationOutcome, InvitationRecord } from "./schema";

export type { GuestUserType, InvitationKind, InvitationOutcome, InvitationRecord };

/** What the portal is about to send to Graph. */
export interface NewAttempt {
  kind: InvitationKind;
  /** Unique per inviter; the same key again returns the same row instead of a new invitation. */
  idempotencyKey?: string | null;
  /** SHA-256 of the request sent to Graph; a key already used with another hash is refused. */
  requestHash?: string | null;
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
