import type { User } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { getServerConfig } from "@/lib/config/server-config";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";
import { pathFromNextLink } from "./next-link";
import { odataString } from "./odata";
import {
  PENDING_SEARCH_MAX_LENGTH,
  type PendingOrder,
  type PendingPageSize,
} from "@/lib/pending/pending-query";

/** Graph allows at most 15 values in one `in (…)` clause on directory objects. */
export const MAX_IDS_PER_QUERY = 15;

export type PendingGuestQuery = {
  pageSize: PendingPageSize;
  /** Prefix of the display name or e-mail address. */
  search?: string;
  order: PendingOrder;
  /** Restricts the list to these user ids (at most MAX_IDS_PER_QUERY). */
  ids?: readonly string[];
  /** Only guests invited (created) at or before this ISO instant: the stale filter. */
  invitedBefore?: string;
};

export type PendingGuest = {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  createdDateTime: string | null;
  /** Sponsors, when Graph returned them (not with advanced queries, which refuse $expand). */
  sponsors: { id: string; displayName: string }[] | null;
};

export type PendingGuestPage = {
  guests: PendingGuest[];
  /** The absolute @odata.nextLink, already checked to point at the configured Graph origin. */
  nextLink: string | null;
  /** Only on the first page of an advanced query. */
  count?: number;
};

const SELECT = [
  "id",
  "displayName",
  "mail",
  "userPrincipalName",
  "createdDateTime",
  "externalUserState",
  "userType",
];
const PENDING = "externalUserState eq 'PendingAcceptance'";

export type GraphListRequest = {
  path: string;
  filter: string;
  select: string[];
  top: number;
  orderby?: string;
  count?: boolean;
  headers?: Record<string, string>;
};

/**
 * The GET /users request for one page of pending guests. Sorting by creation time is an advanced query
 * (ConsistencyLevel: eventual and $count=true, docs/graph-behaviour.md#advanced-queries), and advanced queries refuse $expand, so
 * sponsors are asked for only on the default order. startswith on displayName and mail works without.
 */
export function buildPendingGuestsRequest(query: PendingGuestQuery): GraphListRequest {
  const clauses = [PENDING];
  const search = query.search?.trim().slice(0, PENDING_SEARCH_MAX_LENGTH);
  if (search) {
    const literal = odataString(search);
    clauses.push(`(startswith(displayName,${literal}) or startswith(mail,${literal}))`);
  }
  if (query.ids) {
    if (query.ids.length === 0 || query.ids.length > MAX_IDS_PER_QUERY)
      throw new Error(`ids must hold 1 to ${MAX_IDS_PER_QUERY} values`);
    clauses.push(`id in (${query.ids.map(odataString).join(",")})`);
  }
  if (query.invitedBefore) {
    // An unquoted DateTimeOffset literal; `le` on createdDateTime works without an advanced query.
    const instant = new Date(query.invitedBefore).toISOString().replace(/\.\d+Z$/, "Z");
    clauses.push(`createdDateTime le ${instant}`);
  }
  const filter = clauses.join(" and ");
  // The stale filter shows how many guests match: an advanced query with $count, oldest first.
  if (query.order === "default" && !query.invitedBefore) {
    return {
      path: "/users?$expand=sponsors($select=id,displayName)",
      filter,
      select: SELECT,
      top: query.pageSize,
    };
  }
  return {
    path: "/users",
    filter,
    select: SELECT,
    top: query.pageSize,
    orderby: `createdDateTime ${query.order === "newest" ? "desc" : "asc"}`,
    count: true,
    headers: { ConsistencyLevel: "eventual" },
  };
}

type GuestUser = Omit<User, "sponsors"> & { sponsors?: User[] };
type UsersPage = {
  value: GuestUser[];
  "@odata.nextLink"?: string;
  "@odata.count"?: number;
};

function toPendingGuest(user: GuestUser): PendingGuest | undefined {
  // A page from a tampered cursor could hold anything: keep only pending guests.
  if (!user.id || user.externalUserState !== "PendingAcceptance") return undefined;
  return {
    id: user.id,
    displayName: user.displayName ?? user.mail ?? user.userPrincipalName ?? user.id,
    mail: user.mail ?? null,
    userPrincipalName: user.userPrincipalName ?? "",
    createdDateTime: user.createdDateTime ?? null,
    sponsors: user.sponsors
      ? user.sponsors.flatMap((sponsor) =>
          sponsor.id ? [{ id: sponsor.id, displayName: sponsor.displayName ?? sponsor.id }] : [],
        )
      : null,
  };
}

function pageOf(data: UsersPage, graphBaseUrl: string): PendingGuestPage {
  const nextLink = data["@odata.nextLink"] ?? null;
  // Checked now as well as when followed: a link to anywhere else never reaches the browser.
  if (nextLink) pathFromNextLink(nextLink, graphBaseUrl);
  return {
    guests: data.value.flatMap((user) => toPendingGuest(user) ?? []),
    nextLink,
    ...(typeof data["@odata.count"] === "number" ? { count: data["@odata.count"] } : {}),
  };
}

const readConnection = (caller: Caller) => connectAs(caller, "User.Read.All");

/** One page of guests whose invitation is still pending; never more than one Graph request. */
export async function listPendingGuests(
  caller: Caller,
  query: PendingGuestQuery,
  connection: GraphConnection = readConnection(caller),
): Promise<PendingGuestPage> {
  const request = buildPendingGuestsRequest(query);
  const { data } = await callGraph<UsersPage>(
    connection,
    { method: "GET", ...request },
    "listPendingGuests",
  );
  return pageOf(data, getServerConfig().graphBaseUrl);
}

/**
 * The next page: follows Graph's @odata.nextLink as it is (Graph asks clients not to rebuild it), after
 * checking it points at the configured Graph origin so the token never goes anywhere else.
 */
export async function followPendingGuestsLink(
  caller: Caller,
  nextLink: string,
  order: PendingOrder,
  connection: GraphConnection = readConnection(caller),
): Promise<PendingGuestPage> {
  const { graphBaseUrl } = getServerConfig();
  const path = pathFromNextLink(nextLink, graphBaseUrl);
  if (!/^\/users\?/.test(path)) throw new Error("nextLink is not a users query");
  const { data } = await callGraph<UsersPage>(
    connection,
    {
      method: "GET",
      path,
      ...(order === "default" ? {} : { headers: { ConsistencyLevel: "eventual" } }),
    },
    "listPendingGuests",
  );
  return pageOf(data, graphBaseUrl);
}

export type GuestDetails = {
  id: string;
  displayName: string;
  mail: string | null;
  otherMails: string[];
  userType: string | null;
  externalUserState: string | null;
};

/** One user's invitation-related properties, or undefined when the id is unknown. */
export async function getGuest(
  caller: Caller,
  userId: string,
  connection: GraphConnection = readConnection(caller),
): Promise<GuestDetails | undefined> {
  try {
    const { data } = await callGraph<User>(
      connection,
      {
        method: "GET",
        path: `/users/${encodeURIComponent(userId)}`,
        select: ["id", "displayName", "mail", "otherMails", "userType", "externalUserState"],
      },
      "listPendingGuests",
    );
    return {
      id: data.id ?? userId,
      displayName: data.displayName ?? data.mail ?? userId,
      mail: data.mail ?? null,
      otherMails: data.otherMails ?? [],
      userType: data.userType ?? null,
      externalUserState: data.externalUserState ?? null,
    };
  } catch (error) {
    if (error instanceof Error && "status" in error && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Adds an address to the user's otherMails, so a redemption reset may use it: Graph accepts only an
 * address already on mail or otherMails (docs/graph-behaviour.md#reset-redemption). Needs User.ReadWrite.All.
 */
export async function addOtherMail(
  caller: Caller,
  guest: Pick<GuestDetails, "id" | "otherMails">,
  email: string,
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<void> {
  if (guest.otherMails.some((mail) => mail.toLowerCase() === email.toLowerCase())) return;
  await callGraph<void>(
    connection,
    {
      method: "PATCH",
      path: `/users/${encodeURIComponent(guest.id)}`,
      body: { otherMails: [...guest.otherMails, email] },
    },
    "updateUser",
  );
}
