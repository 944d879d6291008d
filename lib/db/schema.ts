import { sql } from "drizzle-orm";
import { open, seal } from "./data-key";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const INVITATION_KINDS = [
  "single",
  "regenerate_link",
  "resend",
  "reset_redemption",
  "bulk",
] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

export const INVITATION_OUTCOMES = ["pending", "succeeded", "failed"] as const;
export type InvitationOutcome = (typeof INVITATION_OUTCOMES)[number];

export const GUEST_USER_TYPES = ["Guest", "Member"] as const;
export type GuestUserType = (typeof GUEST_USER_TYPES)[number];

function oneOf(values: readonly string[]) {
  return sql.raw(values.map((value) => `'${value}'`).join(", "));
}

// Millisecond precision so a JavaScript Date round-trips exactly, which keyset cursors rely on.
function timestampColumn(name: string) {
  return timestamp(name, { withTimezone: true, precision: 3, mode: "date" });
}

/** A text column the store encrypts (data-key.ts): every read and write through Drizzle passes here. */
const encryptedText = customType<{ data: string; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => seal(value),
  fromDriver: (value) => open(value),
});

export const invitationHistory = pgTable(
  "invitation_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: INVITATION_KINDS }).notNull(),
    outcome: text("outcome", { enum: INVITATION_OUTCOMES }).notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(1),
    idempotencyKey: text("idempotency_key"),
    /** SHA-256 of the request sent to Graph: a key reused for another request is refused. */
    requestHash: text("request_hash"),

    inviterOid: text("inviter_oid").notNull(),
    inviterName: text("inviter_name"),
    inviterUpn: text("inviter_upn"),

    guestEmail: text("guest_email").notNull(),
    guestDisplayName: text("guest_display_name"),
    guestUserId: text("guest_user_id"),
    userType: text("user_type", { enum: GUEST_USER_TYPES }).notNull(),
    redirectUrl: text("redirect_url").notNull(),
    messageLanguage: text("message_language"),
    customMessage: text("custom_message"),
    ccRecipient: text("cc_recipient"),
    sponsorIds: jsonb("sponsor_ids").$type<string[]>().notNull().default([]),
    sendInvitationMessage: boolean("send_invitation_message").notNull(),

    invitationId: text("invitation_id"),
    redeemUrl: encryptedText("redeem_url"),
    graphStatus: text("graph_status"),
    requestId: text("request_id"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),

    createdAt: timestampColumn("created_at").notNull().defaultNow(),
    updatedAt: timestampColumn("updated_at").notNull().defaultNow(),
  },
  (table) => [
    check("invitation_history_kind_check", sql`${table.kind} in (${oneOf(INVITATION_KINDS)})`),
    check(
      "invitation_history_outcome_check",
      sql`${table.outcome} in (${oneOf(INVITATION_OUTCOMES)})`,
    ),
    check(
      "invitation_history_user_type_check",
      sql`${table.userType} in (${oneOf(GUEST_USER_TYPES)})`,
    ),
    // NULL keys never conflict, so attempts without a key are always new rows.
    uniqueIndex("invitation_history_idempotency_idx").on(table.inviterOid, table.idempotencyKey),
    // Ascending on purpose: queries read newest first by scanning these backwards.
    index("invitation_history_created_idx").on(table.createdAt, table.id),
    index("invitation_history_inviter_created_idx").on(table.inviterOid, table.createdAt, table.id),
    index("invitation_history_guest_updated_idx").on(table.guestUserId, table.updatedAt, table.id),
    index("invitation_history_email_prefix_idx").using(
      "btree",
      sql`lower(${table.guestEmail}) text_pattern_ops`,
    ),
    index("invitation_history_name_prefix_idx").using(
      "btree",
      sql`lower(${table.guestDisplayName}) text_pattern_ops`,
    ),
  ],
);

export type InvitationRecord = typeof invitationHistory.$inferSelect;

/** What a job does per row: invite (from a CSV file), remind (resend to a pending guest), remove (delete a guest). */
export const BULK_JOB_KINDS = ["invite", "remind", "remove"] as const;
export type BulkJobKind = (typeof BULK_JOB_KINDS)[number];

export const BULK_JOB_STATUSES = ["draft", "running", "paused", "cancelled", "completed"] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];

/** Why a job is paused: the person asked, or the worker has no valid token of theirs. */
export const BULK_PAUSE_REASONS = ["user", "sign_in"] as const;
export type BulkPauseReason = (typeof BULK_PAUSE_REASONS)[number];

/**
 * queued → sending (committed before the POST) → succeeded | failed. A row found in `sending`
 * that no worker is sending is resolved against Graph before it may be sent again (lib/bulk/worker).
 * `skipped`: never sent (invalid, duplicate or left out by the person); `cancelled`: the job was.
 */
export const BULK_ROW_STATES = [
  "queued",
  "sending",
  "succeeded",
  "failed",
  "skipped",
  "cancelled",
] as const;
export type BulkRowState = (typeof BULK_ROW_STATES)[number];

export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerOid: text("owner_oid").notNull(),
    ownerName: text("owner_name"),
    ownerUpn: text("owner_upn"),
    kind: text("kind", { enum: BULK_JOB_KINDS }).notNull().default("invite"),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    /** The file's header row, for the results file. */
    headers: jsonb("headers").$type<string[]>().notNull(),
    status: text("status", { enum: BULK_JOB_STATUSES }).notNull().default("draft"),
    pauseReason: text("pause_reason", { enum: BULK_PAUSE_REASONS }),
    /**
     * Paused for sign-in by a Conditional Access claims challenge: the claims the owner's next sign-in
     * must carry. Names a policy, not a person; cleared when the job runs again.
     */
    signInClaims: text("sign_in_claims"),
    totalRows: integer("total_rows").notNull(),
    /** The worker (process) working on the job, and until when; another may take over after. */
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestampColumn("lease_expires_at"),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
    updatedAt: timestampColumn("updated_at").notNull().defaultNow(),
    startedAt: timestampColumn("started_at"),
    finishedAt: timestampColumn("finished_at"),
  },
  (table) => [
    check("bulk_jobs_status_check", sql`${table.status} in (${oneOf(BULK_JOB_STATUSES)})`),
    check("bulk_jobs_kind_check", sql`${table.kind} in (${oneOf(BULK_JOB_KINDS)})`),
    check(
      "bulk_jobs_pause_reason_check",
      sql`${table.pauseReason} is null or ${table.pauseReason} in (${oneOf(BULK_PAUSE_REASONS)})`,
    ),
    index("bulk_jobs_owner_created_idx").on(table.ownerOid, table.createdAt),
    index("bulk_jobs_status_idx").on(table.status),
  ],
);

export const bulkJobRows = pgTable(
  "bulk_job_rows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    /** The row's cells as read from the file, for the results file. */
    cells: jsonb("cells").$type<string[]>().notNull(),
    email: text("email").notNull(),
    /** The POST /invitations body, built on the server from the validated row. */
    request: jsonb("request").$type<Record<string, unknown>>(),
    /** Groups the guest joins after the invitation (`[{id, displayName}]`); null when none. */
    groups: jsonb("groups").$type<{ id: string; displayName: string }[]>(),
    state: text("state", { enum: BULK_ROW_STATES }).notNull().default("queued"),
    attemptCount: integer("attempt_count").notNull().default(0),
    /** A throttled row waits until then. */
    notBefore: timestampColumn("not_before"),
    sendingAt: timestampColumn("sending_at"),
    historyId: uuid("history_id"),
    invitationId: text("invitation_id"),
    guestUserId: text("guest_user_id"),
    redeemUrl: encryptedText("redeem_url"),
    graphStatus: text("graph_status"),
    requestId: text("request_id"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    completedAt: timestampColumn("completed_at"),
  },
  (table) => [
    check("bulk_job_rows_state_check", sql`${table.state} in (${oneOf(BULK_ROW_STATES)})`),
    uniqueIndex("bulk_job_rows_job_row_idx").on(table.jobId, table.rowNumber),
    index("bulk_job_rows_job_state_idx").on(table.jobId, table.state, table.rowNumber),
  ],
);

export type BulkJobRecord = typeof bulkJobs.$inferSelect;
export type BulkJobRowRecord = typeof bulkJobRows.$inferSelect;

/**
 * Changes to a guest that are not invitations: group memberships added after an invitation, guests
 * removed (to Entra's deleted items) and restored, sponsors added and removed. Each is recorded
 * `pending` before the Graph call and completed after, like an invitation attempt.
 */
export const GUEST_CHANGE_KINDS = [
  "group_member_add",
  "guest_delete",
  "guest_restore",
  "sponsor_add",
  "sponsor_remove",
] as const;
export type GuestChangeKind = (typeof GUEST_CHANGE_KINDS)[number];

export const guestChanges = pgTable(
  "guest_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: GUEST_CHANGE_KINDS }).notNull(),
    outcome: text("outcome", { enum: INVITATION_OUTCOMES }).notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(1),

    actorOid: text("actor_oid").notNull(),
    actorName: text("actor_name"),
    actorUpn: text("actor_upn"),

    guestUserId: text("guest_user_id").notNull(),
    guestEmail: text("guest_email"),
    guestDisplayName: text("guest_display_name"),
    /** The group (group_member_add) or the sponsor (sponsor_*); null for guest_delete/restore. */
    targetId: text("target_id"),
    targetName: text("target_name"),

    /** The invitation this change came with (a group chosen on the invite form), if any. */
    historyId: uuid("history_id"),
    /** The bulk or lifecycle job that made this change, if any. */
    jobId: uuid("job_id"),

    requestId: text("request_id"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),

    createdAt: timestampColumn("created_at").notNull().defaultNow(),
    updatedAt: timestampColumn("updated_at").notNull().defaultNow(),
  },
  (table) => [
    check("guest_changes_kind_check", sql`${table.kind} in (${oneOf(GUEST_CHANGE_KINDS)})`),
    check("guest_changes_outcome_check", sql`${table.outcome} in (${oneOf(INVITATION_OUTCOMES)})`),
    index("guest_changes_created_idx").on(table.createdAt, table.id),
    index("guest_changes_actor_created_idx").on(table.actorOid, table.createdAt, table.id),
    index("guest_changes_guest_idx").on(table.guestUserId, table.createdAt),
    index("guest_changes_history_idx").on(table.historyId),
    index("guest_changes_job_idx").on(table.jobId),
  ],
);

export type GuestChangeRecord = typeof guestChanges.$inferSelect;

/**
 * Portal-wide settings, one row per key (a small generic key/value table). `revision` grows by one
 * on every save, so what was computed under an older setting can tell; who saved it last and when
 * is kept beside the value.
 */
export const portalSettings = pgTable("portal_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  revision: integer("revision").notNull().default(1),
  updatedByOid: text("updated_by_oid").notNull(),
  updatedByName: text("updated_by_name"),
  updatedAt: timestampColumn("updated_at").notNull().defaultNow(),
});

export type PortalSettingRecord = typeof portalSettings.$inferSelect;

export const STALE_DIGEST_RUN_STATUSES = ["computing", "ready"] as const;
export type StaleDigestRunStatus = (typeof STALE_DIGEST_RUN_STATUSES)[number];

/**
 * One inviter's weekly list of stale invitations: computed once per ISO week (and policy revision),
 * whichever instance claims the row first; `lease_expires_at` lets another take over from a crashed one.
 */
export const staleDigestRuns = pgTable(
  "stale_digest_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** ISO 8601 week in UTC, e.g. 2026-W49. */
    isoWeek: text("iso_week").notNull(),
    inviterOid: text("inviter_oid").notNull(),
    policyRevision: integer("policy_revision").notNull(),
    /** The policy's N when this list was computed. */
    olderThanDays: integer("older_than_days").notNull(),
    status: text("status", { enum: STALE_DIGEST_RUN_STATUSES }).notNull().default("computing"),
    leaseExpiresAt: timestampColumn("lease_expires_at"),
    computedAt: timestampColumn("computed_at"),
    dismissedAt: timestampColumn("dismissed_at"),
    createdAt: timestampColumn("created_at").notNull().defaultNow(),
  },
  (table) => [
    check(
      "stale_digest_runs_status_check",
      sql`${table.status} in (${oneOf(STALE_DIGEST_RUN_STATUSES)})`,
    ),
    uniqueIndex("stale_digest_runs_week_inviter_idx").on(
      table.isoWeek,
      table.inviterOid,
      table.policyRevision,
    ),
    index("stale_digest_runs_created_idx").on(table.createdAt),
  ],
);

/** The guests of one weekly list, as they were when it was computed. */
export const staleDigestGuests = pgTable(
  "stale_digest_guests",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => staleDigestRuns.id, { onDelete: "cascade" }),
    guestUserId: text("guest_user_id").notNull(),
    email: text("email"),
    displayName: text("display_name").notNull(),
    /** Graph's createdDateTime of the guest: when the invitation made them. */
    invitedAt: timestampColumn("invited_at").notNull(),
  },
  (table) => [uniqueIndex("stale_digest_guests_run_guest_idx").on(table.runId, table.guestUserId)],
);

export type StaleDigestRunRecord = typeof staleDigestRuns.$inferSelect;
export type StaleDigestGuestRecord = typeof staleDigestGuests.$inferSelect;
