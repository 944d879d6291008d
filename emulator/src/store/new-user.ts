import { randomUUID } from "node:crypto";
import { PEOPLE, TENANT_DOMAIN, type Person } from "../constants";
import type { ExternalUserState, NewUser } from "./user-record";

const EPOCH = "2021-03-01T09:00:00Z";

export function memberFromPerson(person: Person): NewUser {
  return {
    id: person.id,
    displayName: person.displayName,
    givenName: person.givenName,
    surname: person.surname,
    mail: person.mail,
    otherMails: [],
    userPrincipalName: person.userPrincipalName,
    mailNickname: person.userPrincipalName.split("@")[0] ?? person.givenName,
    userType: "Member",
    accountEnabled: true,
    jobTitle: person.jobTitle,
    department: person.department,
    officeLocation: person.officeLocation,
    companyName: "Contoso",
    mobilePhone: null,
    businessPhones: ["+1 425 555 0100"],
    preferredLanguage: "en-US",
    usageLocation: "US",
    createdDateTime: EPOCH,
    creationType: null,
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    identities: [
      {
        signInType: "userPrincipalName",
        issuer: TENANT_DOMAIN,
        issuerAssignedId: person.userPrincipalName,
      },
    ],
    showInAddressList: null,
    sponsorIds: [],
    directoryRoles: [...person.directoryRoles],
    appRoles: [...person.appRoles],
    invitationsRestricted: person.invitationsRestricted,
    signInSessionsValidFromDateTime: EPOCH,
    visibleFromEpochMs: 0,
  };
}

export function peopleAsUsers(): NewUser[] {
  return Object.values(PEOPLE).map(memberFromPerson);
}

/** Entra's guest UPN: `john_contoso.com#EXT#@fabrikam.onmicrosoft.com` (docs/graph-behaviour.md#guest-users). */
export function guestUserPrincipalName(
  email: string,
  tenantDomain: string = TENANT_DOMAIN,
): string {
  return `${guestMailNickname(email)}@${tenantDomain}`;
}

export function guestMailNickname(email: string): string {
  return `${email.replace("@", "_")}#EXT#`;
}

export type GuestDetails = {
  email: string;
  displayName?: string | null;
  userType?: "Guest" | "Member";
  sponsorIds?: string[];
  createdDateTime?: string;
  externalUserState?: ExternalUserState;
  externalUserStateChangeDateTime?: string;
  userPrincipalName?: string;
  id?: string;
  companyName?: string | null;
  visibleFromEpochMs?: number;
};

/** A user created by an invitation, as Entra creates it (docs/graph-behaviour.md#guest-users, "Guest UPN"). */
export function invitedUser(details: GuestDetails): NewUser {
  const now = new Date().toISOString();
  const createdDateTime = details.createdDateTime ?? now;
  const userPrincipalName = details.userPrincipalName ?? guestUserPrincipalName(details.email);
  const displayName = details.displayName ?? details.email.split("@")[0] ?? details.email;
  return {
    id: details.id ?? randomUUID(),
    displayName,
    givenName: null,
    surname: null,
    mail: details.email,
    otherMails: [details.email],
    userPrincipalName,
    mailNickname: userPrincipalName.split("@")[0] ?? userPrincipalName,
    userType: details.userType ?? "Guest",
    accountEnabled: true,
    jobTitle: null,
    department: null,
    officeLocation: null,
    companyName: details.companyName ?? null,
    mobilePhone: null,
    businessPhones: [],
    preferredLanguage: null,
    usageLocation: null,
    createdDateTime,
    creationType: "Invitation",
    externalUserState: details.externalUserState ?? "PendingAcceptance",
    externalUserStateChangeDateTime: details.externalUserStateChangeDateTime ?? createdDateTime,
    identities: [
      {
        signInType: "userPrincipalName",
        issuer: TENANT_DOMAIN,
        issuerAssignedId: userPrincipalName,
      },
    ],
    showInAddressList: false,
    sponsorIds: details.sponsorIds ?? [],
    directoryRoles: [],
    appRoles: [],
    invitationsRestricted: false,
    signInSessionsValidFromDateTime: createdDateTime,
    visibleFromEpochMs: details.visibleFromEpochMs ?? 0,
  };
}
