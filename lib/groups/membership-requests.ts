/** The Graph request that adds the invited guest to one group, as the preview shows it (browser-safe). */
export function membershipRequestPreview(groupId: string): string {
  const body = {
    "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{invitedUser.id}",
  };
  return `POST https://graph.microsoft.com/v1.0/groups/${groupId}/members/$ref\n${JSON.stringify(body, null, 2)}`;
}
