/**
 * The local tenant's fixed identity (docs/architecture.md). The portal's test code imports these, so
 * changing one is a contract change: update docs/architecture.md with it.
 */

export const TENANT_ID = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";
export const TENANT_DOMAIN = "contoso.onmicrosoft.com";
export const TENANT_DISPLAY_NAME = "Contoso";

export const PORTAL_CLIENT_ID = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
export const PORTAL_CLIENT_SECRET = "local-tenant-secret-not-for-production";
export const PORTAL_APP_DISPLAY_NAME = "Guest invitations portal";
export const PORTAL_API_APP_ID_URI = `api://${PORTAL_CLIENT_ID}`;
export const PORTAL_API_SCOPE_NAME = "access_as_user";
export const PORTAL_API_SCOPE = `${PORTAL_API_APP_ID_URI}/${PORTAL_API_SCOPE_NAME}`;

/** MSAL rejects http authorities, so the portal names an https host that is never contacted (docs/graph-behaviour.md#authority-and-discovery). */
export const AUTHORITY_HOST = "login.local-tenant.invalid";
export const authorityFor = (tenantId: string = TENANT_ID): string =>
  `https://${AUTHORITY_HOST}/${tenantId}`;
export const issuerFor = (tenantId: string = TENANT_ID): string => `${authorityFor(tenantId)}/v2.0`;
/** Graph tokens are v1 tokens in Entra; their issuer is the v1 STS (the portal never reads them). */
export const graphTokenIssuerFor = (tenantId: string = TENANT_ID): string =>
  `https://sts.windows.net/${tenantId}/`;

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

/** Delegated Graph permissions with admin consent in the portal's app registration (docs/app-registration.md). */
export const CONSENTED_GRAPH_SCOPES = [
  "User.Read",
  "User.ReadBasic.All",
  "User.Read.All",
  "User.Invite.All",
  "User.ReadWrite.All",
  "GroupMember.Read.All",
  "GroupMember.ReadWrite.All",
] as const;
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

/** Directory role template ids as they appear in the `wids` claim (docs/graph-behaviour.md#directory-roles). */
export const DIRECTORY_ROLE_TEMPLATES = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  guestInviter: "95e79109-95c0-4d8e-aee3-d01accf2d47b",
  directoryWriters: "9360feb5-f418-4baa-8175-e2a00bac4301",
} as const;

export type DirectoryRoleTemplateId =
  (typeof DIRECTORY_ROLE_TEMPLATES)[keyof typeof DIRECTORY_ROLE_TEMPLATES];

/** The activated directoryRole objects of the tenant, as /me/memberOf lists them. */
export const DIRECTORY_ROLES: Record<
  DirectoryRoleTemplateId,
  { id: string; displayName: string; description: string }
> = {
  [DIRECTORY_ROLE_TEMPLATES.globalAdministrator]: {
    id: "d1a3b5c7-0001-4e2f-8a9b-1c2d3e4f5a01",
    displayName: "Global Administrator",
    description:
      "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
  },
  [DIRECTORY_ROLE_TEMPLATES.userAdministrator]: {
    id: "d1a3b5c7-0002-4e2f-8a9b-1c2d3e4f5a02",
    displayName: "User Administrator",
    description:
      "Can manage all aspects of users and groups, including resetting passwords for limited admins.",
  },
  [DIRECTORY_ROLE_TEMPLATES.helpdeskAdministrator]: {
    id: "d1a3b5c7-0003-4e2f-8a9b-1c2d3e4f5a03",
    displayName: "Helpdesk Administrator",
    description: "Can reset passwords for non-administrators and Helpdesk Administrators.",
  },
  [DIRECTORY_ROLE_TEMPLATES.guestInviter]: {
    id: "d1a3b5c7-0004-4e2f-8a9b-1c2d3e4f5a04",
    displayName: "Guest Inviter",
    description: "Can invite guest users independent of the 'members can invite guests' setting.",
  },
  [DIRECTORY_ROLE_TEMPLATES.directoryWriters]: {
    id: "d1a3b5c7-0005-4e2f-8a9b-1c2d3e4f5a05",
    displayName: "Directory Writers",
    description:
      "Can read and write basic directory information. For granting access to applications, not intended for users.",
  },
};

/** App roles of the portal's app registration (docs/app-registration.md). */
export const APP_ROLES = {
  resetRedemption: "Guests.ResetRedemption",
} as const;

export type Person = {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  /** Shown on the sign-in page under the name. */
  roleDescription: string;
  directoryRoles: readonly DirectoryRoleTemplateId[];
  appRoles: readonly string[];
  /**
   * Entra's `allowInvitesFrom` is tenant-wide; this per-person flag lets one tenant show both outcomes:
   * a flagged person gets the 403 a restricted tenant gives (README, "Settings").
   */
  invitationsRestricted: boolean;
};

const person = (
  key: string,
  id: string,
  givenName: string,
  surname: string,
  details: Omit<
    Person,
    "id" | "displayName" | "givenName" | "surname" | "userPrincipalName" | "mail"
  >,
): Person => ({
  id,
  displayName: `${givenName} ${surname}`,
  givenName,
  surname,
  userPrincipalName: `${key}@${TENANT_DOMAIN}`,
  mail: `${key}@${TENANT_DOMAIN}`,
  ...details,
});

/** The tenant's people, listed on the sign-in page in this order. */
export const PEOPLE = {
  adele: person("adele", "5f0a6c1e-3b2d-4e8f-9a7c-1d2e3f4a5b60", "Adele", "Vance", {
    jobTitle: "Team Lead",
    department: "Marketing",
    officeLocation: "18/2111",
    roleDescription: "Team lead, member without an admin role; may invite guests",
    directoryRoles: [],
    appRoles: [],
    invitationsRestricted: false,
  }),
  lee: person("lee", "6a1b7d2f-4c3e-4f90-8b8d-2e3f4a5b6c71", "Lee", "Gu", {
    jobTitle: "Service Desk Analyst",
    department: "IT",
    officeLocation: "23/3101",
    roleDescription: "Helpdesk Administrator; may reset guest redemption",
    directoryRoles: [DIRECTORY_ROLE_TEMPLATES.helpdeskAdministrator],
    appRoles: [APP_ROLES.resetRedemption],
    invitationsRestricted: false,
  }),
  isaiah: person("isaiah", "7b2c8e3a-5d4f-4a01-9c9e-3f4a5b6c7d82", "Isaiah", "Langer", {
    jobTitle: "Partner Manager",
    department: "Sales",
    officeLocation: "20/1101",
    roleDescription: "Guest Inviter",
    directoryRoles: [DIRECTORY_ROLE_TEMPLATES.guestInviter],
    appRoles: [],
    invitationsRestricted: false,
  }),
  pradeep: person("pradeep", "8c3d9f4b-6e5a-4b12-8daf-4a5b6c7d8e93", "Pradeep", "Gupta", {
    jobTitle: "Accountant",
    department: "Finance",
    officeLocation: "98/2202",
    roleDescription: "Member who may not invite: the tenant restricts invitations",
    directoryRoles: [],
    appRoles: [],
    invitationsRestricted: true,
  }),
  megan: person("megan", "9d4e0a5c-7f6b-4c23-9eb0-5b6c7d8e9fa4", "Megan", "Bowen", {
    jobTitle: "Identity Administrator",
    department: "IT",
    officeLocation: "12/1110",
    roleDescription: "User Administrator",
    directoryRoles: [DIRECTORY_ROLE_TEMPLATES.userAdministrator],
    appRoles: [],
    invitationsRestricted: false,
  }),
  nestor: person("nestor", "ae5f1b6d-8a7c-4d34-8fc1-6c7d8e9fa0b5", "Nestor", "Wilke", {
    jobTitle: "Director of Operations",
    department: "Operations",
    officeLocation: "36/2121",
    roleDescription: "Global Administrator",
    directoryRoles: [DIRECTORY_ROLE_TEMPLATES.globalAdministrator],
    appRoles: [],
    invitationsRestricted: false,
  }),
} as const satisfies Record<string, Person>;

export type PersonKey = keyof typeof PEOPLE;
export const PERSON_KEYS = Object.keys(PEOPLE) as PersonKey[];

/** Everything the portal needs to point at the local tenant, in one object. */
export const LOCAL_TENANT_IDENTITY = {
  tenantId: TENANT_ID,
  domain: TENANT_DOMAIN,
  clientId: PORTAL_CLIENT_ID,
  clientSecret: PORTAL_CLIENT_SECRET,
  apiScope: PORTAL_API_SCOPE,
  authorityHost: AUTHORITY_HOST,
  authority: authorityFor(TENANT_ID),
  issuer: issuerFor(TENANT_ID),
} as const;
