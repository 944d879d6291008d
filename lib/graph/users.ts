import type { User } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";
import { odataString } from "./odata";

export type DirectoryPerson = {
  id: string;
  displayName: string;
  mail?: string;
  userPrincipalName: string;
};

const SEARCH_LIMIT = 10;
const MAX_QUERY_LENGTH = 100;

// Guest UPNs have the form john_contoso.com#EXT#@tenant (docs/graph-behaviour.md#guest-users). Filtering on userType is avoided:
// it is not a basic-profile property, and the picker runs with User.ReadBasic.All only.
function isMember(user: User): boolean {
  return !(user.userPrincipalName ?? "").toUpperCase().includes("#EXT#");
}

function toPerson(user: User): DirectoryPerson | undefined {
  if (!user.id || !user.userPrincipalName) return undefined;
  return {
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName,
    ...(user.mail ? { mail: user.mail } : {}),
    userPrincipalName: user.userPrincipalName,
  };
}

/** Members whose name, mail or UPN starts with `query`, for the sponsor picker. */
export async function searchDirectoryUsers(
  caller: Caller,
  query: string,
  connection: GraphConnection = connectAs(caller, "User.ReadBasic.All"),
): Promise<DirectoryPerson[]> {
  const prefix = query.trim().slice(0, MAX_QUERY_LENGTH);
  if (prefix === "") return [];
  const literal = odataString(prefix);
  // startswith on these three works without ConsistencyLevel (docs/graph-behaviour.md#advanced-queries).
  const filter = `startswith(displayName,${literal}) or startswith(mail,${literal}) or startswith(userPrincipalName,${literal})`;
  const { data } = await callGraph<{ value: User[] }>(
    connection,
    {
      method: "GET",
      path: "/users",
      filter,
      select: ["id", "displayName", "mail", "userPrincipalName"],
      top: SEARCH_LIMIT,
    },
    "searchUsers",
  );
  return data.value.filter(isMember).flatMap((user) => toPerson(user) ?? []);
}
