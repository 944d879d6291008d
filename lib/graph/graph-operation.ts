/** What the portal was doing when Graph answered; the same Graph error can mean different things per operation. */
export type GraphOperation =
  | "invite"
  | "resetRedemption"
  | "searchUsers"
  | "listPendingGuests"
  | "updateUser"
  | "readMyRoles"
  | "listSponsors"
  | "addSponsor"
  | "removeSponsor"
  | "listGroups"
  | "addGroupMember"
  | "checkGroupMembership"
  | "deleteUser"
  | "readDeletedUsers"
  | "restoreUser";
