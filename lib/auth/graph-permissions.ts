/** Delegated Graph permissions the portal asks for, one per operation (docs/app-registration.md). */
export type GraphPermission =
  "User.Invite.All" | "User.ReadBasic.All" | "User.Read.All" | "User.ReadWrite.All";

/** The resource-qualified scope string msal-node sends to the token endpoint. */
export function graphScope(permission: GraphPermission): string {
  return `https://graph.microsoft.com/${permission}`;
}
