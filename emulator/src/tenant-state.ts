import {
  PORTAL_APP_DISPLAY_NAME,
  PORTAL_CLIENT_ID,
  PORTAL_CLIENT_SECRET,
  TENANT_DOMAIN,
  TENANT_ID,
} from "./constants";
import { FaultInjector } from "./control/faults";
import { RequestLog } from "./control/request-log";
import { AddressReplication } from "./graph/address-replication";
import { InvitationThrottle } from "./graph/invitation-throttle";
import { IdentityState } from "./identity/identity-state";
import type { SigningKey } from "./identity/signing-key";
import { DEFAULT_SETTINGS, mergeSettings, type TenantSettings } from "./settings";
import type { InvitationRecord } from "./store/invitation-record";
import { GroupStore } from "./store/group-store";
import { seedGroups, seedTenant, type SeedName } from "./store/seed";
import { UserStore } from "./store/user-store";

export type TenantIdentity = {
  tenantId: string;
  domain: string;
  clientId: string;
  clientSecret: string;
  appDisplayName: string;
};

export const DEFAULT_IDENTITY: TenantIdentity = {
  tenantId: TENANT_ID,
  domain: TENANT_DOMAIN,
  clientId: PORTAL_CLIENT_ID,
  clientSecret: PORTAL_CLIENT_SECRET,
  appDisplayName: PORTAL_APP_DISPLAY_NAME,
};

/** Everything the local tenant knows; one instance per server. */
export class TenantState {
  settings: TenantSettings;
  users = new UserStore();
  groups = new GroupStore();
  identityState = new IdentityState();
  invitations = new Map<string, InvitationRecord>();
  readonly throttle = new InvitationThrottle();
  /** Identity writes (deletes, restores): their own quota, apart from the invitation manager's. */
  readonly directoryWriteThrottle = new InvitationThrottle();
  /** Added to the wall clock for what ages (deleted items' 30 days); moved by the control API. */
  clockOffsetMs = 0;
  readonly faults = new FaultInjector();
  readonly requestLog = new RequestLog();
  readonly addressReplication = new AddressReplication();
  /** Set once the server listens: the origin it was started on. */
  listenUrl = "";
  /** The origin links must use whatever Host the caller used; null derives it from each request. */
  fixedPublicUrl: string | null = null;
  seed: SeedName;

  constructor(
    readonly identity: TenantIdentity,
    readonly key: SigningKey,
    private readonly startSettings: TenantSettings,
    seed: SeedName,
  ) {
    this.settings = startSettings;
    this.seed = seed;
    seedTenant(this.users, seed);
    seedGroups(this.groups, seed);
  }

  static create(
    key: SigningKey,
    options: {
      identity?: Partial<TenantIdentity>;
      settings?: Partial<TenantSettings>;
      seed?: SeedName;
    },
  ) {
    return new TenantState(
      { ...DEFAULT_IDENTITY, ...options.identity },
      key,
      mergeSettings(DEFAULT_SETTINGS, options.settings ?? {}),
      options.seed ?? "demo",
    );
  }

  /** Back to the start: users from the seed, no sessions, invitations, faults, throttle or log. */
  reset(seed: SeedName = this.seed, settings?: Partial<TenantSettings>): void {
    this.seed = seed;
    this.settings = mergeSettings(this.startSettings, settings ?? {});
    this.users = new UserStore();
    seedTenant(this.users, seed);
    this.groups = new GroupStore();
    seedGroups(this.groups, seed);
    this.identityState = new IdentityState();
    this.invitations = new Map();
    this.throttle.reset();
    this.directoryWriteThrottle.reset();
    this.clockOffsetMs = 0;
    this.faults.clear();
    this.requestLog.clear();
    this.addressReplication.clear();
  }

  /** The tenant's clock: the wall clock plus what the control API moved it by. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  updateSettings(patch: Partial<TenantSettings>): void {
    this.settings = mergeSettings(this.settings, patch);
  }
}
