import type { DirectoryRoleTemplateId } from "../constants";

export type ObjectIdentity = { signInType: string; issuer: string; issuerAssignedId: string };

export type ExternalUserState = "PendingAcceptance" | "Accepted";

/** A user as the local tenant keeps it: Graph's properties plus what only the tenant knows. */
export type UserRecord = {
  /** Insertion order; paging resumes after the last sequence number served. */
  sequence: number;
  id: string;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  otherMails: string[];
  userPrincipalName: string;
  mailNickname: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  companyName: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  preferredLanguage: string | null;
  usageLocation: string | null;
  createdDateTime: string;
  creationType: string | null;
  externalUserState: ExternalUserState | null;
  externalUserStateChangeDateTime: string | null;
  identities: ObjectIdentity[];
  showInAddressList: boolean | null;
  /** Ids of the users who sponsor this one. */
  sponsorIds: string[];
  directoryRoles: DirectoryRoleTemplateId[];
  appRoles: string[];
  invitationsRestricted: boolean;
  /** Refresh tokens, sessions and on-behalf-of assertions issued before this instant are refused. */
  signInSessionsValidFromDateTime: string;
  /** Reads by id answer 404 until this instant (replication delay after an invite). */
  visibleFromEpochMs: number;
  /** Set while the user sits in deleted items (soft-deleted); absent or null for live users. */
  deletedDateTime?: string | null;
};

export type NewUser = Omit<UserRecord, "sequence">;
