import type { Database } from "./connection";
import { getSetting, putSetting, type SettingActor } from "./portal-settings-queries";
import type { PortalSettingRecord, StaleDigestRunRecord } from "./schema";
import {
  claimStaleDigestRun,
  completeStaleDigestRun,
  dismissStaleDigestRun,
  findStaleDigestRun,
  pruneStaleDigestRuns,
  releaseStaleDigestRun,
  staleDigestGuests,
  type ClaimedRun,
  type ClaimStaleDigestRun,
  type StaleDigestGuest,
  type StaleDigestRunKey,
} from "./stale-digest-queries";
import { guarded } from "./store-error";

/** `store.settings`: portal-wide settings, a value per key (portal-settings-queries.ts). */
export interface PortalSettingsStore {
  get(key: string): Promise<PortalSettingRecord | undefined>;
  put(
    key: string,
    value: Record<string, unknown>,
    actor: SettingActor,
    at: Date,
  ): Promise<PortalSettingRecord>;
}

/** `store.staleDigest`: the weekly lists of stale invitations per inviter (stale-digest-queries.ts). */
export interface StaleDigestStore {
  claim(claim: ClaimStaleDigestRun): Promise<ClaimedRun>;
  find(key: StaleDigestRunKey): Promise<StaleDigestRunRecord | undefined>;
  complete(
    runId: string,
    guests: readonly StaleDigestGuest[],
    now: Date,
  ): Promise<StaleDigestRunRecord | undefined>;
  release(runId: string): Promise<void>;
  guests(runId: string): Promise<StaleDigestGuest[]>;
  dismiss(runId: string, inviterOid: string, now: Date): Promise<boolean>;
  prune(before: Date): Promise<number>;
}

export function createPortalSettingsStore(db: Database): PortalSettingsStore {
  return {
    get: (key) => guarded("getSetting", () => getSetting(db, key)),
    put: (key, value, actor, at) =>
      guarded("putSetting", () => putSetting(db, key, value, actor, at)),
  };
}

export function createStaleDigestStore(db: Database): StaleDigestStore {
  return {
    claim: (claim) => guarded("claimStaleDigestRun", () => claimStaleDigestRun(db, claim)),
    find: (key) => guarded("findStaleDigestRun", () => findStaleDigestRun(db, key)),
    complete: (runId, list, now) =>
      guarded("completeStaleDigestRun", () => completeStaleDigestRun(db, runId, list, now)),
    release: (runId) => guarded("releaseStaleDigestRun", () => releaseStaleDigestRun(db, runId)),
    guests: (runId) => guarded("staleDigestGuests", () => staleDigestGuests(db, runId)),
    dismiss: (runId, inviterOid, now) =>
      guarded("dismissStaleDigestRun", () => dismissStaleDigestRun(db, runId, inviterOid, now)),
    prune: (before) => guarded("pruneStaleDigestRuns", () => pruneStaleDigestRuns(db, before)),
  };
}
