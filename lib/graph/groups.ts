import type { Group } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { getServerConfig } from "@/lib/config/server-config";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";
import { GraphFailure } from "./graph-failure";
import { pathFromNextLink } from "./next-link";
import { odataString } from "./odata";
import { postFailureMayHaveActed } from "./repeat-rules";

// Groups and memberships (docs/graph-behaviour.md#group-memberships).

/** How the portal shows a group: Microsoft 365 or security; dynamic ones cannot take members by hand. */
export type DirectoryGroup = {
  id: string;
  displayName: string;
  description?: string;
  mail?: string;
  kind: "microsoft365" | "security" | "distribution";
  dynamic: boolean;
};

const GROUP_SELECT = [
  "id",
  "displayName",
  "description",
  "mail",
  "mailEnabled",
  "securityEnabled",
  "groupTypes",
];
/** Enough for anyone's owned groups; more are not offered (a person owning thousands uses search). */
const OWNED_PAGE_SIZE = 100;
const OWNED_MAX_PAGES = 10;
const SEARCH_LIMIT = 25;
const MAX_QUERY_LENGTH = 100;

const ALREADY_MEMBER = /added object references already exist/i;

type GroupPage = { value: Group[]; "@odata.nextLink"?: string };

export function toDirectoryGroup(group: Group): DirectoryGroup | undefined {
  if (!group.id) return undefined;
  const types = (group.groupTypes ?? []).map((type) => type.toLowerCase());
  return {
    id: group.id,
    displayName: group.displayName ?? group.id,
    ...(group.description ? { description: group.description } : {}),
    ...(group.mail ? { mail: group.mail } : {}),
    kind: types.includes("unified")
      ? "microsoft365"
      : group.securityEnabled !== false
        ? "security"
        : "distribution",
    dynamic: types.includes("dynamicmembership"),
  };
}

const readConnection = (caller: Caller) => connectAs(caller, "GroupMember.Read.All");

/**
 * Every group the signed-in person owns (up to 1,000), those whose name contains `query` when given,
 * by name. ownedObjects filters only as an advanced query, so the few owned groups are filtered here.
 */
export async function listOwnedGroups(
  caller: Caller,
  query = "",
  connection: GraphConnection = readConnection(caller),
): Promise<DirectoryGroup[]> {
  const { graphBaseUrl } = getServerConfig();
  const groups: DirectoryGroup[] = [];
  let path: string | undefined = "/me/ownedObjects/microsoft.graph.group";
  let first = true;
  for (let page = 0; path && page < OWNED_MAX_PAGES; page++) {
    const reply: { data: GroupPage } = await callGraph<GroupPage>(
      connection,
      first
        ? { method: "GET", path, select: GROUP_SELECT, top: OWNED_PAGE_SIZE }
        : { method: "GET", path },
      "listGroups",
    );
    first = false;
    groups.push(...reply.data.value.flatMap((group) => toDirectoryGroup(group) ?? []));
    const next: string | undefined = reply.data["@odata.nextLink"];
    path = next ? pathFromNextLink(next, graphBaseUrl) : undefined;
  }
  const needle = query.trim().slice(0, MAX_QUERY_LENGTH).toLowerCase();
  return groups
    .filter((group) => needle === "" || group.displayName.toLowerCase().includes(needle))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Any group whose name starts with `query` (administrators); no ConsistencyLevel needed for startswith. */
export async function searchGroups(
  caller: Caller,
  query: string,
  connection: GraphConnection = readConnection(caller),
): Promise<DirectoryGroup[]> {
  const prefix = query.trim().slice(0, MAX_QUERY_LENGTH);
  if (prefix === "") return [];
  const { data } = await callGraph<GroupPage>(
    connection,
    {
      method: "GET",
      path: "/groups",
      filter: `startswith(displayName,${odataString(prefix)})`,
      select: GROUP_SELECT,
      top: SEARCH_LIMIT,
    },
    "listGroups",
  );
  return data.value.flatMap((group) => toDirectoryGroup(group) ?? []);
}

/** One group by id (administrators naming any group in a bulk file); undefined when it does not exist. */
export async function getGroup(
  caller: Caller,
  groupId: string,
  connection: GraphConnection = readConnection(caller),
): Promise<DirectoryGroup | undefined> {
  try {
    const { data } = await callGraph<Group>(
      connection,
      { method: "GET", path: `/groups/${encodeURIComponent(groupId)}`, select: GROUP_SELECT },
      "listGroups",
    );
    return toDirectoryGroup(data);
  } catch (error) {
    if (error instanceof GraphFailure && error.status === 404) return undefined;
    throw error;
  }
}

/** Whether `userId` is a member of `groupId` (transitively), from POST /users/{id}/checkMemberGroups. */
export async function isGroupMember(
  caller: Caller,
  groupId: string,
  userId: string,
  connection: GraphConnection = readConnection(caller),
): Promise<boolean> {
  const { data } = await callGraph<{ value: string[] }>(
    connection,
    {
      method: "POST",
      path: `/users/${encodeURIComponent(userId)}/checkMemberGroups`,
      body: { groupIds: [groupId] },
    },
    "checkGroupMembership",
  );
  return data.value.some((id) => id.toLowerCase() === groupId.toLowerCase());
}

export type AddedMember = {
  /** `already_member`: Graph answered that the reference already exists. */
  outcome: "added" | "already_member";
  requestId?: string;
  /** Graph's answer was lost; asking Graph showed the guest is a member. */
  settled?: true;
};

function isAlreadyMember(error: unknown): error is GraphFailure {
  return (
    error instanceof GraphFailure && error.status === 400 && ALREADY_MEMBER.test(error.message)
  );
}

/**
 * POST /groups/{id}/members/$ref, once. A lost answer (timeout, dropped connection, 5xx) is settled
 * by asking Graph whether the guest is now a member before anything else: a member is success, not a
 * member is `not_sent` (safe to try again), and no answer to that either is `outcome_unknown`.
 */
export async function addGroupMember(
  caller: Caller,
  groupId: string,
  userId: string,
  connections: { write?: GraphConnection; read?: GraphConnection } = {},
): Promise<AddedMember> {
  const write = connections.write ?? connectAs(caller, "GroupMember.ReadWrite.All");
  const { graphBaseUrl } = getServerConfig();
  try {
    const { requestId } = await callGraph<undefined>(
      write,
      {
        method: "POST",
        path: `/groups/${encodeURIComponent(groupId)}/members/$ref`,
        body: { "@odata.id": `${graphBaseUrl}/v1.0/directoryObjects/${userId}` },
      },
      "addGroupMember",
    );
    return { outcome: "added", ...(requestId ? { requestId } : {}) };
  } catch (error) {
    if (isAlreadyMember(error))
      return {
        outcome: "already_member",
        ...(error.requestId ? { requestId: error.requestId } : {}),
      };
    if (!postFailureMayHaveActed(error)) throw error;
    const lost = error as GraphFailure;
    let member: boolean;
    try {
      member = await isGroupMember(caller, groupId, userId, connections.read);
    } catch {
      throw new GraphFailure("outcome_unknown", {
        message: `${lost.message}; membership could not be checked`,
        ...(lost.requestId ? { requestId: lost.requestId } : {}),
      });
    }
    if (member)
      return {
        outcome: "added",
        settled: true,
        ...(lost.requestId ? { requestId: lost.requestId } : {}),
      };
    throw new GraphFailure("not_sent", {
      message: `${lost.message}; settled: not a member`,
      ...(lost.requestId ? { requestId: lost.requestId } : {}),
    });
  }
}
