import type {
  BulkJobKind,
  BulkJobRecord,
  BulkJobRowRecord,
  BulkPauseReason,
  BulkRowState,
} from "./schema";

export type { BulkJobKind, BulkJobRecord, BulkJobRowRecord, BulkPauseReason, BulkRowState };

export type NewBulkJob = {
  ownerOid: string;
  ownerName?: string | null;
  ownerUpn?: string | null;
  /** `invite` when absent; `remind` and `remove` rows name their guest in `guestUserId`. */
  kind?: BulkJobKind;
  fileName: string;
  format: string;
  headers: string[];
  totalRows: number;
};

/** Bounds on one person's drafts (lib/bulk/limits.ts holds the values). */
export type DraftLimits = { maxDrafts: number; expireAfterMs: number };

export type NewBulkRow = {
  rowNumber: number;
  cells: string[];
  email: string;
  /** The POST /invitations body; absent for a skipped row. */
  request: Record<string, unknown> | null;
  state: "queued" | "skipped";
  /** The guest a `remind` or `remove` row acts on. */
  guestUserId?: string | null;
  /** Groups the invited guest joins after the invitation (checked for the owner before storing). */
  groups?: BulkRowGroup[] | null;
  errorCode?: string | null;
  errorMessage?: string | null;
};

export type RowOutcome = {
  state: "succeeded" | "failed";
  invitationId?: string | null;
  guestUserId?: string | null;
  redeemUrl?: string | null;
  graphStatus?: string | null;
  requestId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
};

export type BulkJobCounts = Record<BulkRowState, number>;

export type BulkJobProgress = {
  counts: BulkJobCounts;
  /** Rows finished (sent or failed) in the last `rateWindowSeconds`, for an estimate of time left. */
  recentlyFinished: number;
  rateWindowSeconds: number;
};

export type BulkRowPage = { offset: number; limit: number; states?: BulkRowState[] };

/** A group a bulk row's guest joins: its id, and its name as the owner's Graph showed it. */
export type BulkRowGroup = { id: string; displayName: string };
