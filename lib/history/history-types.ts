import type { GuestChangeKind, HistoryInviter, InvitationKind, InvitationOutcome } from "@/lib/db";

/** One entry as the history page shows it. Never the redeem link: the history page is for audit. */
export type HistoryRow = {
  id: string;
  createdAt: string;
  kind: InvitationKind;
  outcome: InvitationOutcome;
  inviterName: string | null;
  inviterUpn: string | null;
  guestEmail: string;
  guestDisplayName: string | null;
  /** The guest's object id once Graph created or found the user. */
  guestUserId: string | null;
  sendInvitationMessage: boolean;
  graphStatus: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestId: string | null;
  attemptCount: number;
};

export type HistoryScope = {
  /** Helpdesk and administrators see every entry; everyone else only their own. */
  seesAll: boolean;
  /** For the inviter filter; empty unless `seesAll`. */
  inviters: HistoryInviter[];
};

export type HistoryEntriesPage = {
  rows: HistoryRow[];
  nextCursor: string | null;
  total: number;
};

export type HistoryExport = { csv: string; rows: number; truncated: boolean };

/** One change to a guest as the Changes view shows it. */
export type GuestChangeRow = {
  id: string;
  createdAt: string;
  kind: GuestChangeKind;
  outcome: InvitationOutcome;
  actorName: string | null;
  actorUpn: string | null;
  guestUserId: string;
  guestEmail: string | null;
  guestDisplayName: string | null;
  /** The group or the sponsor; null for removals and restores. */
  targetId: string | null;
  targetName: string | null;
  requestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attemptCount: number;
};

export type GuestChangesPage = { rows: GuestChangeRow[]; nextCursor: string | null };
