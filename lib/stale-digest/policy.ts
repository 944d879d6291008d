import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { getStore, type InvitationStore, type PortalSettingRecord } from "@/lib/db";
import { systemClock, type Clock } from "./iso-week";
import {
  DEFAULT_STALE_DIGEST_POLICY,
  staleDigestPolicySchema,
  type StaleDigestPolicyInput,
} from "./policy-schema";
import type { StaleDigestPolicy } from "./types";

/** The key of the policy in the portal's settings table. */
export const STALE_DIGEST_SETTING = "stale_digest";

function toPolicy(record: PortalSettingRecord | undefined): StaleDigestPolicy {
  // A stored value that no longer passes the schema (edited by hand, older rules) counts as off.
  const parsed = record ? staleDigestPolicySchema.safeParse(record.value) : undefined;
  const value = parsed?.success ? parsed.data : DEFAULT_STALE_DIGEST_POLICY;
  return {
    ...value,
    revision: record?.revision ?? 0,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: record ? (record.updatedByName ?? record.updatedByOid) : null,
  };
}

/** The policy as saved; off with the default N until an administrator saves it. */
export async function readStaleDigestPolicy(store?: InvitationStore): Promise<StaleDigestPolicy> {
  return toPolicy(await (store ?? (await getStore())).settings.get(STALE_DIGEST_SETTING));
}

/** Saves the policy (already validated by the action's schema), recording who and when. */
export async function saveStaleDigestPolicy(
  caller: Caller,
  input: StaleDigestPolicyInput,
  clock: Clock = systemClock,
  store?: InvitationStore,
): Promise<StaleDigestPolicy> {
  store ??= await getStore();
  const saved = await store.settings.put(
    STALE_DIGEST_SETTING,
    { enabled: input.enabled, olderThanDays: input.olderThanDays },
    { oid: caller.oid, name: caller.name || caller.upn || null },
    clock(),
  );
  return toPolicy(saved);
}
