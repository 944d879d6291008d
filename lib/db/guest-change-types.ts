import type { GuestChangeKind, GuestChangeRecord, InvitationOutcome } from "./schema";

export type { GuestChangeKind, GuestChangeRecord };

/** A change about to be sent to Graph; recorded `pending` before the call. */
export interface NewGuestChange {
  kind: GuestChangeKind;
  actorOid: string;
  actorName?: string | null;
  actorUpn?: string | null;
  guestUserId: string;
  guestEmail?: string | null;
  guestDisplayName?: string | null;
  targetId?: string | null;
  targetName?: string | null;
  historyId?: string | null;
  jobId?: string | null;
}

export interface GuestChangeResult {
  outcome: Exclude<InvitationOutcome, "pending">;
  requestId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export interface GuestChangeFilter {
  actorOid?: string;
  guestUserId?: string;
  /** Changes that came with these invitations (history ids). */
  historyIds?: readonly string[];
  jobId?: string;
  kinds?: readonly GuestChangeKind[];
  outcome?: InvitationOutcome;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface GuestChangePageRequest extends GuestChangeFilter {
  limit: number;
  /** The `createdAt`/`id` of the last change of the previous page; newest first. */
  after?: { createdAt: Date; id: string } | null;
}
