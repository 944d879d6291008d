import type { User } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";
import { GraphFailure } from "./graph-failure";

// Removing and restoring guests (docs/graph-behaviour.md#removing-and-restoring-guests): DELETE
// /users/{id} moves the user to deleted items for 30 days; it needs User.ReadWrite.All and the User
// Administrator role. A DELETE that lost its answer is never sent again blindly: whereIsUser asks.

export type DeletedUser = {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string | null;
  /** ISO date-time of the deletion; the user is purged 30 days later. */
  deletedDateTime: string;
};

export const DELETED_ITEMS_RETENTION_DAYS = 30;

const DELETED_SELECT = ["id", "displayName", "mail", "userPrincipalName", "deletedDateTime"];

const encodeId = (id: string) => encodeURIComponent(id);

export function isNotFound(error: unknown): boolean {
  return error instanceof GraphFailure && error.status === 404;
}

/** DELETE /users/{id}: 204, the user is in deleted items. Returns Graph's request-id. */
export async function deleteUser(
  caller: Caller,
  userId: string,
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<{ requestId?: string }> {
  const { requestId } = await callGraph<undefined>(
    connection,
    { method: "DELETE", path: `/users/${encodeId(userId)}` },
    "deleteUser",
  );
  return requestId ? { requestId } : {};
}

function toDeletedUser(user: User): DeletedUser | undefined {
  if (!user.id || !user.deletedDateTime) return undefined;
  return {
    id: user.id,
    displayName: user.displayName ?? null,
    mail: user.mail ?? null,
    userPrincipalName: user.userPrincipalName ?? null,
    deletedDateTime: user.deletedDateTime,
  };
}

/** GET /directory/deletedItems/{id}: the deleted user, or undefined when it is not (or no longer) there. */
export async function readDeletedUser(
  caller: Caller,
  userId: string,
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<DeletedUser | undefined> {
  try {
    const { data } = await callGraph<User>(
      connection,
      {
        method: "GET",
        path: `/directory/deletedItems/${encodeId(userId)}`,
        select: DELETED_SELECT,
      },
      "readDeletedUsers",
    );
    return toDeletedUser(data);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Where a user is now: live, in deleted items, or gone. Used to settle a DELETE whose answer was lost. */
export async function whereIsUser(
  caller: Caller,
  userId: string,
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<"live" | "deleted" | "gone"> {
  if (await readDeletedUser(caller, userId, connection)) return "deleted";
  try {
    await callGraph<User>(
      connection,
      { method: "GET", path: `/users/${encodeId(userId)}`, select: ["id"] },
      "readDeletedUsers",
    );
    return "live";
  } catch (error) {
    if (isNotFound(error)) return "gone";
    throw error;
  }
}

/** Deleted guests, most recently deleted first (an advanced query: the header and $count=true). */
export async function listDeletedGuests(
  caller: Caller,
  options: { top?: number } = {},
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<DeletedUser[]> {
  const { data } = await callGraph<{ value: User[] }>(
    connection,
    {
      method: "GET",
      path: "/directory/deletedItems/microsoft.graph.user",
      filter: "userType eq 'Guest'",
      select: DELETED_SELECT,
      orderby: "deletedDateTime desc",
      count: true,
      top: options.top ?? 100,
      headers: { ConsistencyLevel: "eventual" },
    },
    "readDeletedUsers",
  );
  return data.value.flatMap((user) => toDeletedUser(user) ?? []);
}

/** POST /directory/deletedItems/{id}/restore: 200 with the user, live again. */
export async function restoreDeletedUser(
  caller: Caller,
  userId: string,
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<{ requestId?: string }> {
  const { requestId } = await callGraph<User>(
    connection,
    { method: "POST", path: `/directory/deletedItems/${encodeId(userId)}/restore` },
    "restoreUser",
  );
  return requestId ? { requestId } : {};
}

/** Days left before Entra purges a user deleted at `deletedDateTime` (0 when due). */
export function daysLeftInDeletedItems(deletedDateTime: string, now: number = Date.now()): number {
  const purgeAt = Date.parse(deletedDateTime) + DELETED_ITEMS_RETENTION_DAYS * 86_400_000;
  return Math.max(0, Math.ceil((purgeAt - now) / 86_400_000));
}
