import type { FastifyInstance } from "fastify";
import { DEFAULT_HOST, DEFAULT_PORT } from "./constants";
import type { FaultRule, FaultSpec } from "./control/faults";
import type { RequestLogEntry } from "./control/request-log";
import { sentEmails, type SentEmail, type SentEmailFilter } from "./control/sent-emails";
import { activateRole, deactivateRole, setConditionalAccess } from "./control/sign-in-controls";
import { authorityMetadataOf, authorityOf } from "./identity/cloud";
import { mintToken, resolveUser, type DirectTokenRequest } from "./identity/direct-tokens";
import { createSigningKey } from "./identity/signing-key";
import { buildServer } from "./server";
import type { ConditionalAccessPolicy, TenantSettings } from "./settings";
import type { InvitationRecord } from "./store/invitation-record";
import { seedBulkGuests, type BulkGuestOptions, type SeedName } from "./store/seed";
import type { UserRecord } from "./store/user-record";
import { TenantState, type TenantIdentity } from "./tenant-state";

export * from "./constants";
export { DEFAULT_SETTINGS, REALISTIC_LATENCY_MS, ENDPOINT_NAMES } from "./settings";
export type { AllowInvitesFrom, EndpointName, TenantSettings } from "./settings";
export type {
  ConditionalAccessPolicy,
  FederatedCredential,
  GroupMembershipClaims,
} from "./settings";
export { MINIMAL_GUESTS, MINIMAL_STALE_GUESTS, SEED_GROUPS } from "./store/seed";
export type { BulkGuestOptions, SeedName } from "./store/seed";
export type { FaultRule, FaultSpec } from "./control/faults";
export type { RequestLogEntry } from "./control/request-log";
export type { SentEmail, SentEmailFilter } from "./control/sent-emails";
export type { DirectTokenRequest } from "./identity/direct-tokens";
export type { InvitationRecord } from "./store/invitation-record";
export type { UserRecord } from "./store/user-record";
export type { TenantIdentity } from "./tenant-state";

export type LocalTenantOptions = {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Origin for discovery, links and `@odata.nextLink`; by default each request's own Host. */
  publicUrl?: string;
  settings?: Partial<TenantSettings>;
  /** Default "demo". */
  seed?: SeedName;
  identity?: Partial<TenantIdentity>;
};

export type LocalTenant = {
  /** The server's origin, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  tenantId: string;
  /** The authority string the portal configures (never contacted). */
  authority: string;
  /** The JSON `authorityMetadata` MSAL takes, pointing at this server's endpoints. */
  authorityMetadata: string;
  close(): Promise<void>;
  reset(seed?: SeedName, settings?: Partial<TenantSettings>): void;
  updateSettings(patch: Partial<TenantSettings>): void;
  settings(): TenantSettings;
  seedGuests(options: BulkGuestOptions): number;
  injectFault(spec: FaultSpec): FaultRule;
  clearFaults(): void;
  requests(filter?: { pathPrefix?: string; method?: string }): RequestLogEntry[];
  invitations(): InvitationRecord[];
  /** Ids of a group's direct members (empty for an unknown group). */
  groupMembers(groupId: string): string[];
  /** Invitation e-mails sent (`sendInvitationMessage: true` and acted on, answer lost or not), oldest first. */
  emailsSent(filter?: SentEmailFilter): SentEmail[];
  /** Moves the tenant's clock forward (deleted items are purged 30 days after deletion). */
  advanceClock(days: number): void;
  /** A user in deleted items, by id. */
  deletedUser(id: string): UserRecord | undefined;
  /** Ends every pending `otherMailsReplicationDelayMs` wait now; returns how many addresses it freed. */
  settleReplication(): number;
  /** A person key (`adele`), a user id or a userPrincipalName. */
  user(key: string): UserRecord | undefined;
  revokeSessions(key: string): void;
  issueToken(request: DirectTokenRequest): Promise<{ accessToken: string; expiresOn: number }>;
  /** A person's Conditional Access policy (person key, id or UPN); "none" removes it. */
  setConditionalAccess(key: string, policy: ConditionalAccessPolicy): void;
  /** Activates a directory role now (as PIM does): Graph shows it, earlier tokens keep their `wids`. */
  activateRole(key: string, roleTemplateId: string): void;
  deactivateRole(key: string, roleTemplateId: string): void;
  /** The Fastify instance, for `inject` in tests. */
  server: FastifyInstance;
};

/** Starts the local tenant in this process. */
export async function startLocalTenant(options: LocalTenantOptions = {}): Promise<LocalTenant> {
  const key = await createSigningKey();
  const tenant = TenantState.create(key, {
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
  });
  const server = await buildServer(tenant);
  const host = options.host ?? DEFAULT_HOST;
  await server.listen({ port: options.port ?? DEFAULT_PORT, host });
  const address = server.server.address();
  const port =
    typeof address === "object" && address ? address.port : (options.port ?? DEFAULT_PORT);
  const url = (
    options.publicUrl ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`
  ).replace(/\/$/, "");
  tenant.listenUrl = url;
  tenant.fixedPublicUrl = options.publicUrl ? url : null;
  const tenantId = tenant.identity.tenantId;

  return {
    url,
    port,
    tenantId,
    // Getters: the cloud settings (authorityHost, issuerHost) may change after start.
    get authority() {
      return authorityOf(tenant);
    },
    get authorityMetadata() {
      return authorityMetadataOf(tenant, url);
    },
    close: () => server.close(),
    reset: (seed, settings) => tenant.reset(seed, settings),
    updateSettings: (patch) => tenant.updateSettings(patch),
    settings: () => tenant.settings,
    seedGuests: (bulk) => seedBulkGuests(tenant.users, bulk),
    injectFault: (spec) => tenant.faults.add(spec),
    clearFaults: () => tenant.faults.clear(),
    requests: (filter) => tenant.requestLog.list(filter),
    invitations: () => [...tenant.invitations.values()],
    emailsSent: (filter) => sentEmails(tenant.invitations.values(), filter),
    settleReplication: () => tenant.addressReplication.settle(),
    advanceClock: (days) => {
      tenant.clockOffsetMs += days * 24 * 60 * 60 * 1000;
    },
    deletedUser: (id) => tenant.users.getDeleted(id),
    user: (key) => resolveUser(tenant, key),
    revokeSessions: (key) => {
      const user = resolveUser(tenant, key);
      if (user)
        tenant.users.update(user, {
          signInSessionsValidFromDateTime: new Date(Date.now() + 1).toISOString(),
        });
    },
    issueToken: (request) => mintToken(tenant, request),
    groupMembers: (groupId) => [...(tenant.groups.get(groupId)?.memberIds ?? [])],
    setConditionalAccess: (key, policy) => setConditionalAccess(tenant, key, policy),
    activateRole: (key, roleTemplateId) => void activateRole(tenant, key, roleTemplateId),
    deactivateRole: (key, roleTemplateId) => void deactivateRole(tenant, key, roleTemplateId),
    server,
  };
}
