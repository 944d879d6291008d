import type { Caller } from "@/lib/auth/caller";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";

type DirectoryRolePage = { value: { roleTemplateId?: string | null }[] };

/**
 * The signed-in person's directory roles as they are now, as template ids (the values `wids` would
 * carry). Graph answers roles activated after sign-in (PIM), which tokens issued before do not list.
 * `User.Read` is the least permission for one's own memberships
 * (https://learn.microsoft.com/graph/api/user-list-memberof). Direct memberships only: a role held
 * through a role-assignable group would need transitiveMemberOf, which the local tenant lacks.
 */
export async function listMyDirectoryRoleTemplateIds(
  caller: Caller,
  connection: GraphConnection = connectAs(caller, "User.Read"),
): Promise<string[]> {
  const { data } = await callGraph<DirectoryRolePage>(
    connection,
    {
      method: "GET",
      path: "/me/memberOf/microsoft.graph.directoryRole",
      select: ["roleTemplateId"],
    },
    "readMyRoles",
  );
  return data.value.flatMap((role) => (role.roleTemplateId ? [role.roleTemplateId] : []));
}
