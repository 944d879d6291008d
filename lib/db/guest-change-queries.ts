import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "./connection";
import type {
  GuestChangeFilter,
  GuestChangePageRequest,
  GuestChangeResult,
  NewGuestChange,
} from "./guest-change-types";
import { isUuid } from "./is-uuid";
import { guestChanges as changes, type GuestChangeRecord } from "./schema";
import { StoreError } from "./store-error";

export const MAX_GUEST_CHANGE_PAGE_SIZE = 200;
const DEFAULT_STALE_AFTER_MS = 2 * 60 * 1000;

export async function beginGuestChange(
  db: Database,
  entry: NewGuestChange,
): Promise<GuestChangeRecord> {
  const [created] = await db
    .insert(changes)
    .values({
      kind: entry.kind,
      actorOid: entry.actorOid,
      actorName: entry.actorName ?? null,
      actorUpn: entry.actorUpn ?? null,
      guestUserId: entry.guestUserId,
      guestEmail: entry.guestEmail ?? null,
      guestDisplayName: entry.guestDisplayName ?? null,
      targetId: entry.targetId ?? null,
      targetName: entry.targetName ?? null,
      historyId: entry.historyId && isUuid(entry.historyId) ? entry.historyId : null,
      jobId: entry.jobId && isUuid(entry.jobId) ? entry.jobId : null,
    })
    .returning();
  if (!created) throw new StoreError("beginGuestChange");
  return created;
}

/**
 * Takes a failed change (or one left pending longer than `staleAfterMs`, its process gone) back to
 * `pending` for another try by `actorOid`; undefined when it is not retryable (succeeded, in progress,
 * unknown). One statement, so two retries cannot both win.
 */
export async function retryGuestChange(
  db: Database,
  id: string,
  actor: { oid: string; name?: string | null; upn?: string | null },
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
): Promise<GuestChangeRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [claimed] = await db
    .update(changes)
    .set({
      outcome: "pending",
      attemptCount: sql`${changes.attemptCount} + 1`,
      actorOid: actor.oid,
      actorName: actor.name ?? null,
      actorUpn: actor.upn ?? null,
      requestId: null,
      errorCode: null,
      errorMessage: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(changes.id, id),
        or(
          eq(changes.outcome, "failed"),
          and(
            eq(changes.outcome, "pending"),
            sql`${changes.updatedAt} < now() - (${staleAfterMs}::double precision * interval '1 millisecond')`,
          ),
        ),
      ),
    )
    .returning();
  return claimed;
}

export async function completeGuestChange(
  db: Database,
  id: string,
  result: GuestChangeResult,
): Promise<GuestChangeRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [completed] = await db
    .update(changes)
    .set({
      outcome: result.outcome,
      requestId: result.requestId ?? null,
      errorCode: result.errorCode ?? null,
      errorMessage: result.errorMessage ?? null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(changes.id, id), eq(changes.outcome, "pending")))
    .returning();
  return completed;
}

export async function getGuestChange(
  db: Database,
  id: string,
): Promise<GuestChangeRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [change] = await db.select().from(changes).where(eq(changes.id, id));
  return change;
}

function conditions(filter: GuestChangeFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.actorOid !== undefined) where.push(eq(changes.actorOid, filter.actorOid));
  if (filter.guestUserId !== undefined) where.push(eq(changes.guestUserId, filter.guestUserId));
  if (filter.historyIds !== undefined)
    where.push(inArray(changes.historyId, filter.historyIds.filter(isUuid)));
  if (filter.jobId !== undefined)
    where.push(isUuid(filter.jobId) ? eq(changes.jobId, filter.jobId) : sql`false`);
  if (filter.kinds !== undefined) where.push(inArray(changes.kind, [...filter.kinds]));
  if (filter.outcome !== undefined) where.push(eq(changes.outcome, filter.outcome));
  if (filter.from !== undefined) where.push(gte(changes.createdAt, filter.from));
  if (filter.to !== undefined) where.push(lt(changes.createdAt, filter.to));
  return where;
}

/** Newest first; pass the last item's createdAt/id as `after` for the next page. */
export async function listGuestChanges(
  db: Database,
  request: GuestChangePageRequest,
): Promise<GuestChangeRecord[]> {
  if (request.historyIds !== undefined && request.historyIds.filter(isUuid).length === 0) return [];
  const where = conditions(request);
  if (request.after) {
    const { createdAt, id } = request.after;
    where.push(
      or(
        lt(changes.createdAt, createdAt),
        and(eq(changes.createdAt, createdAt), lt(changes.id, id)),
      )!,
    );
  }
  const limit = Math.max(1, Math.min(request.limit, MAX_GUEST_CHANGE_PAGE_SIZE));
  return db
    .select()
    .from(changes)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(changes.createdAt), desc(changes.id))
    .limit(limit);
}
