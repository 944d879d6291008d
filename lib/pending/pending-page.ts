import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { cursorSigningSecret } from "@/lib/security/cursor-secret";
import { getStore, hasErrorCode } from "@/lib/db";
import {
  followPendingGuestsLink,
  listPendingGuests,
  MAX_IDS_PER_QUERY,
  type PendingGuest,
} from "@/lib/graph/pending-guests";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { openPendingCursor, sealPendingCursor, type PendingCursor } from "./pending-cursor";
import type { PendingListInput } from "./pending-inputs";
import {
  DEFAULT_PENDING_ORDER,
  DEFAULT_PENDING_PAGE_SIZE,
  staleCutoff,
  type PendingOrder,
} from "./pending-query";
import { pendingCapabilities, pendingRows } from "./pending-rows";
import type { PendingInvitationsPage } from "./pending-types";

type GuestPage = { guests: PendingGuest[]; next: PendingCursor | null; count?: number };

/** One page of guests who have not accepted yet: from Graph, or the caller's own from the history. */
export async function pendingInvitationsPage(
  caller: Caller,
  input: PendingListInput,
): Promise<PendingInvitationsPage> {
  const cursor = openCursor(caller, input);
  const page = input.invitedByMe
    ? await pageInvitedBy(caller, input, historyOffset(cursor))
    : await pageFromGraph(caller, input, graphLink(cursor));
  return {
    rows: await pendingRows(caller, page.guests),
    nextCursor: page.next ? seal(caller, input, page.next) : null,
    ...(page.count !== undefined ? { count: page.count } : {}),
    capabilities: await pendingCapabilities(caller),
  };
}

async function pageFromGraph(
  caller: Caller,
  input: PendingListInput,
  nextLink: string | null,
): Promise<GuestPage> {
  // The stale filter is an advanced query (with its count), oldest first unless asked otherwise.
  const order: PendingOrder =
    input.olderThanDays && input.order === "default" ? "oldest" : input.order;
  const page = nextLink
    ? await followPendingGuestsLink(caller, nextLink, order)
    : await listPendingGuests(caller, {
        pageSize: input.pageSize,
        order,
        search: input.search,
        ...(input.olderThanDays ? { invitedBefore: staleCutoff(input.olderThanDays) } : {}),
      });
  return {
    guests: page.guests,
    next: page.nextLink ? { kind: "graph", nextLink: page.nextLink } : null,
    ...(page.count !== undefined ? { count: page.count } : {}),
  };
}

/** "Invited by me": the caller's guests from the history, still pending according to Graph. */
async function pageInvitedBy(
  caller: Caller,
  input: PendingListInput,
  offset: number,
): Promise<GuestPage> {
  const store = await getStore();
  const ids = await store.guestsInvitedBy(caller.oid, {
    limit: input.pageSize + 1,
    offset,
    oldestFirst: input.order === "oldest",
  });
  const pageIds = ids.slice(0, input.pageSize);
  const chunks: string[][] = [];
  for (let index = 0; index < pageIds.length; index += MAX_IDS_PER_QUERY)
    chunks.push(pageIds.slice(index, index + MAX_IDS_PER_QUERY));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      listPendingGuests(caller, {
        pageSize: DEFAULT_PENDING_PAGE_SIZE,
        order: DEFAULT_PENDING_ORDER,
        search: input.search,
        ids: chunk,
        ...(input.olderThanDays ? { invitedBefore: staleCutoff(input.olderThanDays) } : {}),
      }),
    ),
  );
  const byId = new Map(pages.flatMap((page) => page.guests).map((guest) => [guest.id, guest]));
  return {
    guests: pageIds.flatMap((id) => byId.get(id) ?? []),
    next: ids.length > input.pageSize ? { kind: "history", offset: offset + input.pageSize } : null,
  };
}

function historyOffset(cursor: PendingCursor | null): number {
  if (!cursor) return 0;
  if (cursor.kind !== "history") throw new ActionFailure("validation");
  return cursor.offset;
}

function graphLink(cursor: PendingCursor | null): string | null {
  if (!cursor) return null;
  if (cursor.kind !== "graph") throw new ActionFailure("validation");
  return cursor.nextLink;
}

/** A cursor is bound to the person and the query it was made for (pending-cursor.ts). */
function cursorBinding(caller: Caller, input: PendingListInput) {
  return {
    oid: caller.oid,
    query: JSON.stringify([
      input.pageSize,
      input.order,
      input.search.trim(),
      input.invitedByMe,
      input.olderThanDays,
    ]),
  };
}

function openCursor(caller: Caller, input: PendingListInput): PendingCursor | null {
  if (!input.cursor) return null;
  try {
    return openPendingCursor(input.cursor, cursorBinding(caller, input), cursorSigningSecret());
  } catch (error) {
    if (hasErrorCode(error, "invalid_cursor")) throw new ActionFailure("validation");
    throw error;
  }
}

function seal(caller: Caller, input: PendingListInput, cursor: PendingCursor): string {
  return sealPendingCursor(cursor, cursorBinding(caller, input), cursorSigningSecret());
}
