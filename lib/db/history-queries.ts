import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  lt,
  max,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { Database } from "./connection";
import { decodeCursor, encodeCursor } from "./history-cursor";
import type {
  GuestInviter,
  HistoryInviter,
  HistoryFilter,
  HistoryPage,
  HistoryPageRequest,
  RedeemLink,
} from "./types";
import { invitationHistory as history } from "./schema";

export const MAX_HISTORY_PAGE_SIZE = 200;

function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function filterConditions(filter: HistoryFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.inviterOid !== undefined) conditions.push(eq(history.inviterOid, filter.inviterOid));
  if (filter.kind !== undefined) conditions.push(eq(history.kind, filter.kind));
  if (filter.outcome !== undefined) conditions.push(eq(history.outcome, filter.outcome));
  if (filter.from !== undefined) conditions.push(gte(history.createdAt, filter.from));
  if (filter.to !== undefined) conditions.push(lt(history.createdAt, filter.to));
  const query = filter.guestQuery?.trim();
  if (query) {
    const pattern = `${escapeLikePattern(query)}%`;
    // The same lower(...) expressions as the prefix indexes, so those can serve the search.
    const byPrefix = or(
      sql`lower(${history.guestEmail}) like lower(${pattern})`,
      sql`lower(${history.guestDisplayName}) like lower(${pattern})`,
    );
    if (byPrefix) conditions.push(byPrefix);
  }
  return conditions;
}

export async function listHistory(db: Database, request: HistoryPageRequest): Promise<HistoryPage> {
  const limit = Math.min(Math.max(Math.trunc(request.limit) || 1, 1), MAX_HISTORY_PAGE_SIZE);
  const conditions = filterConditions(request);
  const pageConditions = [...conditions];
  if (request.cursor) {
    const after = decodeCursor(request.cursor);
    pageConditions.push(
      sql`(${history.createdAt}, ${history.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(history)
      .where(and(...pageConditions))
      .orderBy(desc(history.createdAt), desc(history.id))
      .limit(limit + 1),
    db
      .select({ total: count() })
      .from(history)
      .where(and(...conditions)),
  ]);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    total: totals[0]?.total ?? 0,
  };
}

// "Newest" is by updatedAt: a failed attempt retried later keeps its createdAt but gets its link then.
export async function latestRedeemUrlForGuest(
  db: Database,
  guestUserId: string,
  options: { inviterOid?: string } = {},
): Promise<RedeemLink | undefined> {
  const [latest] = await db
    .select({
      redeemUrl: history.redeemUrl,
      attemptId: history.id,
      invitationId: history.invitationId,
      inviterOid: history.inviterOid,
      sentAt: history.updatedAt,
    })
    .from(history)
    .where(
      and(
        eq(history.guestUserId, guestUserId),
        eq(history.outcome, "succeeded"),
        isNotNull(history.redeemUrl),
        options.inviterOid === undefined ? undefined : eq(history.inviterOid, options.inviterOid),
      ),
    )
    .orderBy(desc(history.updatedAt), desc(history.id))
    .limit(1);
  if (!latest?.redeemUrl) return undefined;
  return { ...latest, redeemUrl: latest.redeemUrl };
}

export async function inviterForGuests(
  db: Database,
  guestUserIds: readonly string[],
): Promise<Map<string, GuestInviter>> {
  const inviters = new Map<string, GuestInviter>();
  const unique = [...new Set(guestUserIds)];
  if (unique.length === 0) return inviters;
  const rows = await db
    .selectDistinctOn([history.guestUserId], {
      guestUserId: history.guestUserId,
      oid: history.inviterOid,
      name: history.inviterName,
      upn: history.inviterUpn,
      kind: history.kind,
      invitedAt: history.updatedAt,
    })
    .from(history)
    .where(and(inArray(history.guestUserId, unique), eq(history.outcome, "succeeded")))
    .orderBy(desc(history.guestUserId), desc(history.updatedAt), desc(history.id));
  for (const { guestUserId, ...inviter } of rows) {
    if (guestUserId) inviters.set(guestUserId, inviter);
  }
  return inviters;
}

/** Guests this inviter invited successfully, most recently invited first (or last), one page at a time. */
export async function guestsInvitedBy(
  db: Database,
  inviterOid: string,
  options: { limit: number; offset: number; oldestFirst?: boolean },
): Promise<string[]> {
  const lastInvited = max(history.updatedAt);
  const rows = await db
    .select({ guestUserId: history.guestUserId, lastInvited })
    .from(history)
    .where(
      and(
        eq(history.inviterOid, inviterOid),
        eq(history.outcome, "succeeded"),
        isNotNull(history.guestUserId),
      ),
    )
    .groupBy(history.guestUserId)
    .orderBy(options.oldestFirst ? asc(lastInvited) : desc(lastInvited), asc(history.guestUserId))
    .limit(Math.max(1, Math.trunc(options.limit)))
    .offset(Math.max(0, Math.trunc(options.offset)));
  return rows.flatMap((row) => (row.guestUserId ? [row.guestUserId] : []));
}

/** Everyone who appears as inviter in the history, for the history page's inviter filter. */
export async function historyInviters(db: Database): Promise<HistoryInviter[]> {
  const rows = await db
    .selectDistinctOn([history.inviterOid], {
      oid: history.inviterOid,
      name: history.inviterName,
      upn: history.inviterUpn,
    })
    .from(history)
    .orderBy(history.inviterOid, desc(history.createdAt));
  return rows.sort((a, b) => (a.name ?? a.upn ?? a.oid).localeCompare(b.name ?? b.upn ?? b.oid));
}
