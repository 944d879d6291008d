import { and, eq, sql, type AnyColumn } from "drizzle-orm";
import type { Database } from "./connection";
import type { AttemptResult, BeginAttemptOptions, BeginAttemptResult, NewAttempt } from "./types";
import { isUuid } from "./is-uuid";
import { invitationHistory as history, type InvitationRecord } from "./schema";
import { IdempotencyMismatchError, StoreError } from "./store-error";

const DEFAULT_STALE_AFTER_MS = 2 * 60 * 1000;
// Each lost race means the row changed state under us; a handful of rounds always settles it.
const MAX_CLAIM_ROUNDS = 5;

function excluded(column: AnyColumn) {
  return sql.raw(`excluded."${column.name}"`);
}

function toRow(entry: NewAttempt) {
  return {
    kind: entry.kind,
    idempotencyKey: entry.idempotencyKey ?? null,
    requestHash: entry.requestHash ?? null,
    inviterOid: entry.inviterOid,
    inviterName: entry.inviterName ?? null,
    inviterUpn: entry.inviterUpn ?? null,
    guestEmail: entry.guestEmail,
    guestDisplayName: entry.guestDisplayName ?? null,
    guestUserId: entry.guestUserId ?? null,
    userType: entry.userType,
    redirectUrl: entry.redirectUrl,
    messageLanguage: entry.messageLanguage ?? null,
    customMessage: entry.customMessage ?? null,
    ccRecipient: entry.ccRecipient ?? null,
    sponsorIds: [...(entry.sponsorIds ?? [])],
    sendInvitationMessage: entry.sendInvitationMessage,
  };
}

export async function beginAttempt(
  db: Database,
  entry: NewAttempt,
  options: BeginAttemptOptions = {},
): Promise<BeginAttemptResult> {
  const row = toRow(entry);
  if (row.idempotencyKey === null) {
    const [created] = await db.insert(history).values(row).returning();
    if (!created) throw new StoreError("beginAttempt");
    return { state: "started", attempt: created };
  }
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round += 1) {
    const claimed = await insertOrClaim(db, row, staleAfterMs);
    if (claimed) return { state: "started", attempt: claimed };
    const [existing] = await db
      .select()
      .from(history)
      .where(
        and(eq(history.inviterOid, row.inviterOid), eq(history.idempotencyKey, row.idempotencyKey)),
      );
    if (existing && isAnotherRequest(existing.requestHash, row.requestHash))
      throw new IdempotencyMismatchError();
    if (existing?.outcome === "succeeded") return { state: "succeeded", attempt: existing };
    if (existing?.outcome === "pending") return { state: "in_progress", attempt: existing };
  }
  throw new StoreError("beginAttempt");
}

/** Rows recorded before request hashes existed (null) cannot tell, and are taken as the same. */
function isAnotherRequest(stored: string | null, given: string | null): boolean {
  return stored !== null && given !== null && stored !== given;
}

/**
 * One statement, so two requests with the same key cannot both win: the row is inserted, or an
 * existing failed (or abandoned pending) row is reset to pending; otherwise nothing is returned.
 */
async function insertOrClaim(
  db: Database,
  row: ReturnType<typeof toRow>,
  staleAfterMs: number,
): Promise<InvitationRecord | undefined> {
  const [claimed] = await db
    .insert(history)
    .values(row)
    .onConflictDoUpdate({
      target: [history.inviterOid, history.idempotencyKey],
      set: {
        outcome: "pending",
        attemptCount: sql`${history.attemptCount} + 1`,
        updatedAt: sql`now()`,
        kind: excluded(history.kind),
        requestHash: sql`coalesce(${excluded(history.requestHash)}, ${history.requestHash})`,
        inviterName: excluded(history.inviterName),
        inviterUpn: excluded(history.inviterUpn),
        guestEmail: excluded(history.guestEmail),
        guestDisplayName: excluded(history.guestDisplayName),
        guestUserId: sql`coalesce(${excluded(history.guestUserId)}, ${history.guestUserId})`,
        userType: excluded(history.userType),
        redirectUrl: excluded(history.redirectUrl),
        messageLanguage: excluded(history.messageLanguage),
        customMessage: excluded(history.customMessage),
        ccRecipient: excluded(history.ccRecipient),
        sponsorIds: excluded(history.sponsorIds),
        sendInvitationMessage: excluded(history.sendInvitationMessage),
        invitationId: null,
        redeemUrl: null,
        graphStatus: null,
        requestId: null,
        errorCode: null,
        errorMessage: null,
      },
      setWhere: sql`(${history.outcome} = 'failed' or (${history.outcome} = 'pending' and ${history.updatedAt} < now() - (${staleAfterMs}::double precision * interval '1 millisecond'))) and (${history.requestHash} is null or ${excluded(history.requestHash)} is null or ${history.requestHash} = ${excluded(history.requestHash)})`,
    })
    .returning();
  return claimed;
}

export async function completeAttempt(
  db: Database,
  id: string,
  result: AttemptResult,
): Promise<InvitationRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [completed] = await db
    .update(history)
    .set({
      outcome: result.outcome,
      invitationId: result.invitationId,
      guestUserId: result.guestUserId,
      redeemUrl: result.redeemUrl,
      graphStatus: result.status,
      requestId: result.requestId,
      errorCode: result.errorCode,
      errorMessage: result.errorMessage,
      updatedAt: sql`now()`,
    })
    .where(and(eq(history.id, id), eq(history.outcome, "pending")))
    .returning();
  return completed;
}

export async function getAttempt(db: Database, id: string): Promise<InvitationRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [attempt] = await db.select().from(history).where(eq(history.id, id));
  return attempt;
}
