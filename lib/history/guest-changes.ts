import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore, type GuestChangeFilter, type GuestChangeRecord } from "@/lib/db";
import { cursorSigningSecret } from "@/lib/security/cursor-secret";
import { signCursor, verifyCursor } from "@/lib/security/signed-cursor";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { GuestChangePageInput } from "./guest-change-input";
import type { GuestChangeRow, GuestChangesPage } from "./history-types";

function toRow(record: GuestChangeRecord): GuestChangeRow {
  return {
    id: record.id,
    createdAt: record.createdAt.toISOString(),
    kind: record.kind,
    outcome: record.outcome,
    actorName: record.actorName,
    actorUpn: record.actorUpn,
    guestUserId: record.guestUserId,
    guestEmail: record.guestEmail,
    guestDisplayName: record.guestDisplayName,
    targetId: record.targetId,
    targetName: record.targetName,
    requestId: record.requestId,
    errorCode: record.errorCode,
    errorMessage: record.errorMessage,
    attemptCount: record.attemptCount,
  };
}

const CURSOR_PURPOSE = "guest-changes-cursor";

/** The caller's filter: their own changes unless they oversee everyone's (as the invitation history). */
async function filterFor(caller: Caller, input: GuestChangePageInput): Promise<GuestChangeFilter> {
  const all = await overseesAllInvitations(caller);
  return {
    ...(all ? {} : { actorOid: caller.oid }),
    ...(input.kind ? { kinds: [input.kind] } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
  };
}

const binding = (caller: Caller, filter: GuestChangeFilter) => JSON.stringify([caller.oid, filter]);

function openCursor(caller: Caller, filter: GuestChangeFilter, sealed: string | null | undefined) {
  if (!sealed) return null;
  const body = verifyCursor(CURSOR_PURPOSE, cursorSigningSecret(), sealed, binding(caller, filter));
  if (body === undefined) throw new ActionFailure("validation");
  const [time, id] = Buffer.from(body, "base64url").toString("utf8").split("|");
  const createdAt = new Date(Number(time));
  if (!id || Number.isNaN(createdAt.getTime())) throw new ActionFailure("validation");
  return { createdAt, id };
}

function sealCursor(caller: Caller, filter: GuestChangeFilter, last: GuestChangeRecord): string {
  const body = Buffer.from(`${last.createdAt.getTime()}|${last.id}`, "utf8").toString("base64url");
  return signCursor(CURSOR_PURPOSE, cursorSigningSecret(), body, binding(caller, filter));
}

/** One page of changes to guests (memberships, removals, restores, sponsors), newest first. */
export async function guestChangesPage(
  caller: Caller,
  input: GuestChangePageInput,
): Promise<GuestChangesPage> {
  const filter = await filterFor(caller, input);
  const after = openCursor(caller, filter, input.cursor);
  // One more than the page tells whether there is a next one.
  const records = await (
    await getStore()
  ).changes.list({
    ...filter,
    limit: input.pageSize + 1,
    after,
  });
  const page = records.slice(0, input.pageSize);
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    nextCursor: records.length > input.pageSize && last ? sealCursor(caller, filter, last) : null,
  };
}
