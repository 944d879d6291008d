/** Delegated Graph permissions the portal asks for, one per operation (docs/app-registration.md). */
export type GraphPermission =
  | "User.Read"
  | "User.Invite.All"
  | "User.ReadBasic.All"
  | "User.Read.All"
  | "User.ReadWrite.All"
  | "GroupMember.Read.All"
  | "GroupMember.ReadWrite.All";

/**
 * The resource-qualified scope string msal-node sends to the token endpoint. The resource is the
 * cloud's Graph (GRAPH_BASE_URL, or GRAPH_RESOURCE): `https://graph.microsoft.us/User.Invite.All`.
 */
export function graphScope(permission: GraphPermission, graphResource: string): string {
  return `${graphResource}/${permission}`;
}
