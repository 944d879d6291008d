import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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

export const invitationHistory = pgTable(
  "invitation_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: INVITATION_KINDS }).notNull(),
    outcome: text("outcome", { enum: INVITATION_OUTCOMES }).notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(1),
    idempotencyKey: text("idempotency_key"),

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
    redeemUrl: text("redeem_url"),
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
