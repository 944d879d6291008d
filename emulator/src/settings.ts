import { AUTHORITY_HOST, CONSENTED_GRAPH_SCOPES } from "./constants";

/** Who may invite, as Entra's `authorizationPolicy.allowInvitesFrom` has it (docs/graph-behaviour.md#who-may-invite). */
export type AllowInvitesFrom =
  "everyone" | "adminsGuestInvitersAndAllMembers" | "adminsAndGuestInviters" | "none";

/** Names used for per-endpoint latency and for the route table in the README. */
export const ENDPOINT_NAMES = [
  "discovery",
  "keys",
  "authorize",
  "token",
  "logout",
  "invitations",
  "users",
  "user",
  "me",
  "memberOf",
  "sponsors",
  "groups",
  "groupMembers",
  "redeem",
  "deletedItems",
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

export type GraphErrorTemplate = { status: number; code: string; message: string };

export type TenantSettings = {
  /** Tenant-wide invitation policy; people with `invitationsRestricted` are refused under any policy. */
  allowInvitesFrom: AllowInvitesFrom;
  /** When non-empty, only these e-mail domains may be invited (Entra's "allow only" list). */
  domainAllowList: string[];
  /** E-mail domains that may not be invited (Entra's "deny" list). */
  domainDenyList: string[];

  accessTokenLifetimeSeconds: number;
  idTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  authorizationCodeLifetimeSeconds: number;

  /** Invitation manager limit: 150 requests per 5 seconds per tenant (docs/graph-behaviour.md#throttling). */
  invitationRateLimit: { requests: number; windowSeconds: number };
  /**
   * Identity and access write quota per app and tenant: 3,000 writes per 2 minutes 30 seconds
   * (docs/graph-behaviour.md#removing-and-restoring-guests); DELETE /users and restores count.
   */
  directoryWriteRateLimit: { requests: number; windowSeconds: number };
  /** Days a deleted user stays in deleted items before it is purged for good (30 [doc]). */
  deletedItemsRetentionDays: number;
  /** Whether 429 answers carry `Retry-After`; some Graph services omit it [seen]. */
  sendRetryAfter: boolean;
  /** Artificial delay per endpoint, in milliseconds. */
  latencyMs: Partial<Record<EndpointName, number>>;

  /** Redirect URIs accepted besides any http://localhost:<port>/… or http://127.0.0.1:<port>/… (prefix match). */
  extraRedirectUriPrefixes: string[];
  /** When true, `prompt=none` with a signed-in session answers `interaction_required` (as when MFA is due). */
  silentSignInNeedsInteraction: boolean;

  /** Origin of the redeem URL's outer part (`<origin>/redeem?rd=…`); null means this server's own origin. */
  redeemOrigin: string | null;

  // [guess] items (docs/graph-behaviour.md#sources): undocumented behaviour made configurable.
  /** Status of a re-invitation of a guest who already redeemed. */
  reinviteRedeemedStatus: "Completed" | "PendingAcceptance";
  /** Answer to inviting an address that belongs to a member of the tenant; message prefix is [seen]. */
  memberAddressError: { status: number; code: string };
  /** Answer to inviting a domain blocked by the allow/deny list. */
  blockedDomainError: GraphErrorTemplate;
  /** Code of the documented 403 "Guest invitations not allowed for your company…". */
  invitationsNotAllowedCode: string;
  /** What happens with more than one CC recipient: only one is supported [doc], the outcome is [guess]. */
  multipleCcRecipients: "reject" | "accept";
  /** Whether `messageLanguage` must look like a BCP 47 tag. */
  validateMessageLanguage: boolean;
  /** Reading a just-invited user by id answers 404 for this long (replication delay) [seen]. */
  replicationDelayMs: number;
  /** With only User.ReadBasic.All, non-basic properties in `$select` come back null ("null") or the call is refused ("forbidden"). */
  readBasicSelectOfOtherProperties: "null" | "forbidden";

  /** Largest accepted request body. Read once at start. */
  maxRequestBodyBytes: number;
  /** How many requests the request log keeps (oldest dropped first). */
  requestLogLimit: number;

  /**
   * Answer to a person the invitation policy refuses (`invitationsRestricted`, or an `allowInvitesFrom`
   * that excludes them, short of `none`): `unauthorized` is the 401 MSGraphInviteAPI error captured
   * in issue threads, `notAllowed` the 403 "Guest invitations not allowed for your company…" that
   * others report for restricted tenants (README, "Behaviour and its source").
   */
  inviteRefusedAnswer: "unauthorized" | "notAllowed";
  /** An address added to `mail`/`otherMails` by PATCH matches a reset redemption only after this long [seen]. */
  otherMailsReplicationDelayMs: number;
  // Sign-in as real Entra does it (README, "Sign-in settings"); all read at request time.
  /** Conditional Access per person (person key, user id or UPN); people not listed get "none". */
  conditionalAccess: Record<string, ConditionalAccessPolicy>;
  /** The policy id a claims challenge names in `capolids`. */
  conditionalAccessPolicyId: string;
  /** `error` of the MFA challenge on the token endpoint: `invalid_grant` + `basic_action` [seen] or `interaction_required` [doc]. */
  mfaChallengeError: "invalid_grant" | "interaction_required";
  /** Delegated Graph permissions the tenant consented to for the portal; others answer AADSTS65001. */
  consentedGraphScopes: string[];
  /** The registration's `groupMembershipClaims`: `wids` is in API tokens only with DirectoryRole or All. */
  groupMembershipClaims: GroupMembershipClaims;
  /** The registration's client secret: `expired` answers AADSTS7000222, `invalid` AADSTS7000215 even for the right value. */
  clientSecretStatus: "valid" | "expired" | "invalid";
  /** Certificates (PEM) registered on the app for `private_key_jwt` client assertions. */
  clientCertificates: string[];
  /** Federated identity credentials: external tokens accepted as client assertions. */
  federatedCredentials: FederatedCredential[];
  /** Host of the https authority string the portal configures (never contacted). */
  authorityHost: string;
  /** Host in the `iss` of ID and API tokens and in discovery; null means the authority host. */
  issuerHost: string | null;
  /** Graph host of the cloud (`msgraph_host`, `https://{host}/.default`); null keeps graph.microsoft.com and this server's host in discovery. */
  graphHost: string | null;
};

export type ConditionalAccessPolicy = "none" | "mfa" | "blocked";
export type GroupMembershipClaims =
  null | "None" | "SecurityGroup" | "DirectoryRole" | "ApplicationGroup" | "All";

/** A federated identity credential: who may present tokens, and the key that signs them. */
export type FederatedCredential = {
  issuer: string;
  subject: string;
  audiences: string[];
  /** SPKI PEM of the issuer's signing key; or give `jwks`. */
  publicKeyPem?: string;
  /** The issuer's JSON Web Key Set (`{ keys: [...] }`). */
  jwks?: { keys: Record<string, unknown>[] };
};

export const DEFAULT_SETTINGS: TenantSettings = {
  allowInvitesFrom: "everyone",
  domainAllowList: [],
  domainDenyList: [],
  accessTokenLifetimeSeconds: 3600,
  idTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 24 * 3600,
  authorizationCodeLifetimeSeconds: 600,
  invitationRateLimit: { requests: 150, windowSeconds: 5 },
  directoryWriteRateLimit: { requests: 3000, windowSeconds: 150 },
  deletedItemsRetentionDays: 30,
  sendRetryAfter: true,
  latencyMs: {},
  extraRedirectUriPrefixes: [],
  silentSignInNeedsInteraction: false,
  redeemOrigin: null,
  reinviteRedeemedStatus: "Completed",
  memberAddressError: { status: 400, code: "BadRequest" },
  blockedDomainError: {
    status: 403,
    code: "Forbidden",
    message:
      "The domain of the invited user's email address is blocked by the tenant's B2B collaboration settings.",
  },
  invitationsNotAllowedCode: "Unauthorized",
  multipleCcRecipients: "reject",
  validateMessageLanguage: true,
  replicationDelayMs: 0,
  readBasicSelectOfOtherProperties: "null",
  maxRequestBodyBytes: 4 * 1024 * 1024,
  requestLogLimit: 5000,
  inviteRefusedAnswer: "unauthorized",
  otherMailsReplicationDelayMs: 0,
  conditionalAccess: {},
  conditionalAccessPolicyId: "5f3c9a0e-2b7d-4c1a-9e8f-6a4b3c2d1e0f",
  mfaChallengeError: "invalid_grant",
  consentedGraphScopes: [...CONSENTED_GRAPH_SCOPES],
  groupMembershipClaims: null,
  clientSecretStatus: "valid",
  clientCertificates: [],
  federatedCredentials: [],
  authorityHost: AUTHORITY_HOST,
  issuerHost: null,
  graphHost: null,
};

/** A few hundred milliseconds per call, as the demo shows it; tests run without latency. */
export const REALISTIC_LATENCY_MS: Partial<Record<EndpointName, number>> = {
  authorize: 150,
  token: 200,
  invitations: 450,
  users: 300,
  user: 200,
  me: 150,
  memberOf: 200,
  redeem: 200,
  deletedItems: 250,
};

export function mergeSettings(
  base: TenantSettings,
  patch: Partial<TenantSettings>,
): TenantSettings {
  const merged: TenantSettings = { ...base };
  for (const [key, value] of Object.entries(patch) as [keyof TenantSettings, unknown][]) {
    if (value === undefined) continue;
    (merged as Record<string, unknown>)[key] =
      key === "latencyMs"
        ? { ...base.latencyMs, ...(value as TenantSettings["latencyMs"]) }
        : value;
  }
  return merged;
}
