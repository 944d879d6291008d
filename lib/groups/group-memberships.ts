import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { mayChooseAnyGroup, overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore, type GuestChangeRecord, type InvitationStore } from "@/lib/db";
import {
  addGroupMember,
  isGroupMember,
  listOwnedGroups,
  type AddedMember,
} from "@/lib/graph/groups";
import { failureOf } from "@/lib/invitations/attempt-outcome";
import { logger } from "@/lib/observability/logger";
import { ActionFailure } from "@/lib/server-action/action-failure";

// Adding an invited guest to groups: each membership is its own recorded step in store.changes
// (kind group_member_add), pending before Graph is called and completed after. The invitation is
// never undone because a membership failed (docs/graph-behaviour.md#group-memberships).

export type ChosenGroup = { id: string; displayName: string };

/** What became of one membership, as the result panel shows it. */
export type MembershipResult = {
  changeId: string;
  groupId: string;
  groupName: string;
  status: "added" | "already_member" | "failed" | "pending";
  /** The portal's error code of a failed one (`forbidden`, `graph_error`, `not_sent`…). */
  errorCode?: string;
  requestId?: string;
};

/** Stored on a succeeded change when Graph said the guest was already a member (no schema column). */
const ALREADY_MEMBER_CODE = "already_member";

export function membershipOf(record: GuestChangeRecord): MembershipResult {
  const status =
    record.outcome === "succeeded"
      ? record.errorCode === ALREADY_MEMBER_CODE
        ? "already_member"
        : "added"
      : record.outcome;
  return {
    changeId: record.id,
    groupId: record.targetId ?? "",
    groupName: record.targetName ?? record.targetId ?? "",
    status,
    ...(record.outcome === "failed" && record.errorCode ? { errorCode: record.errorCode } : {}),
    ...(record.requestId ? { requestId: record.requestId } : {}),
  };
}

/**
 * The server's own check of the chosen groups before anything is sent: a person who may not choose any
 * group (GROUP_ADMIN_ROLES) may choose only groups they own, and nobody a dynamic-membership group.
 * Throws a `validation` failure on the `groups` field.
 */
export async function checkChosenGroups(
  caller: Caller,
  groups: readonly ChosenGroup[],
  owned: (caller: Caller) => ReturnType<typeof listOwnedGroups> = listOwnedGroups,
): Promise<void> {
  if (groups.length === 0) return;
  const anyGroup = await mayChooseAnyGroup(caller);
  const mine = await owned(caller);
  const byId = new Map(mine.map((group) => [group.id.toLowerCase(), group]));
  for (const group of groups) {
    const known = byId.get(group.id.toLowerCase());
    if (known?.dynamic) throw groupFieldError("validation.groups.dynamic", group.displayName);
    if (!known && !anyGroup)
      throw groupFieldError("validation.groups.notSelectable", group.displayName);
  }
}

function groupFieldError(key: string, name: string): ActionFailure {
  return new ActionFailure("validation", {}, { groups: [{ key, params: { name } }] });
}

export type MembershipTarget = {
  historyId: string;
  guestUserId: string;
  guestEmail?: string | null;
  guestDisplayName?: string | null;
  jobId?: string | null;
};

type AddMember = (caller: Caller, groupId: string, userId: string) => Promise<AddedMember>;
type CheckMember = (caller: Caller, groupId: string, userId: string) => Promise<boolean>;

export type AddToGroupsOptions = {
  store?: InvitationStore;
  add?: AddMember;
  /**
   * A step still `pending` after this long was left by a process that died mid-call: it is taken
   * over and settled by asking Graph whether the guest is a member before anything is sent. Without
   * it a pending step is only reported (another request may still be making it).
   */
  settlePendingAfterMs?: number;
  check?: CheckMember;
};

/**
 * Adds the invited guest to each group, one recorded step each. A group that already has a step for
 * this invitation (an idempotent replay of the same submission) is reported, never added twice.
 */
export async function addGuestToGroups(
  caller: Caller,
  target: MembershipTarget,
  groups: readonly ChosenGroup[],
  options: AddToGroupsOptions = {},
): Promise<MembershipResult[]> {
  if (groups.length === 0 || !target.guestUserId) return [];
  const store = options.store ?? (await getStore());
  const existing = await store.changes.list({
    historyIds: [target.historyId],
    kinds: ["group_member_add"],
    limit: 200,
  });
  const results: MembershipResult[] = [];
  for (const group of groups) {
    const earlier = existing.find(
      (change) => (change.targetId ?? "").toLowerCase() === group.id.toLowerCase(),
    );
    if (earlier) {
      results.push(
        earlier.outcome === "pending" && options.settlePendingAfterMs !== undefined
          ? await settlePending(caller, store, earlier, options)
          : membershipOf(earlier),
      );
      continue;
    }
    const begun = await store.changes.begin({
      kind: "group_member_add",
      actorOid: caller.oid,
      actorName: caller.name || null,
      actorUpn: caller.upn || null,
      guestUserId: target.guestUserId,
      guestEmail: target.guestEmail ?? null,
      guestDisplayName: target.guestDisplayName ?? null,
      targetId: group.id,
      targetName: group.displayName,
      historyId: target.historyId,
      jobId: target.jobId ?? null,
    });
    results.push(await sendAndComplete(caller, store, begun, options.add ?? addGroupMember));
  }
  return results;
}

/**
 * A step left `pending` by a process that died: claimed (only one taker, and only once it is older than
 * the window), then Graph is asked whether the guest is a member. A member → succeeded without a POST;
 * not a member → the POST, once; Graph cannot be asked → failed `outcome_unknown` (Retry decides).
 */
async function settlePending(
  caller: Caller,
  store: InvitationStore,
  pending: GuestChangeRecord,
  options: AddToGroupsOptions,
): Promise<MembershipResult> {
  const claimed = await store.changes.retry(
    pending.id,
    { oid: pending.actorOid, name: pending.actorName, upn: pending.actorUpn },
    { staleAfterMs: options.settlePendingAfterMs },
  );
  if (!claimed) return membershipOf(pending);
  const check = options.check ?? ((...args: Parameters<CheckMember>) => isGroupMember(...args));
  let member: boolean;
  try {
    member = await check(caller, claimed.targetId ?? "", claimed.guestUserId);
  } catch (error) {
    const failure = failureOf(error);
    const completed = await complete(store, claimed.id, {
      outcome: "failed",
      ...failure,
      errorCode: "outcome_unknown",
    });
    return completed ? membershipOf(completed) : { ...membershipOf(claimed), status: "failed" };
  }
  if (member) {
    const completed = await complete(store, claimed.id, {
      outcome: "succeeded",
      requestId: null,
      errorCode: null,
      errorMessage: null,
    });
    return completed ? membershipOf(completed) : { ...membershipOf(claimed), status: "added" };
  }
  return sendAndComplete(caller, store, claimed, options.add ?? addGroupMember, pending);
}

/** Another try of a failed membership; `store.changes.retry` lets only one try run at a time. */
export async function retryGroupMembership(
  caller: Caller,
  changeId: string,
  options: { store?: InvitationStore; add?: AddMember } = {},
): Promise<MembershipResult> {
  const store = options.store ?? (await getStore());
  const change = await store.changes.get(changeId);
  if (!change || change.kind !== "group_member_add") throw new ActionFailure("forbidden");
  // The person who made the change, or someone who oversees every invitation; Graph decides the rest.
  if (change.actorOid !== caller.oid && !(await overseesAllInvitations(caller)))
    throw new ActionFailure("forbidden");
  if (change.outcome === "succeeded") return membershipOf(change);
  const claimed = await store.changes.retry(changeId, {
    oid: caller.oid,
    name: caller.name || null,
    upn: caller.upn || null,
  });
  if (!claimed) throw new ActionFailure("duplicate_in_progress");
  return sendAndComplete(caller, store, claimed, options.add ?? addGroupMember, change);
}

async function sendAndComplete(
  caller: Caller,
  store: InvitationStore,
  change: GuestChangeRecord,
  add: AddMember,
  previous?: GuestChangeRecord,
): Promise<MembershipResult> {
  const groupId = change.targetId ?? "";
  let completed: GuestChangeRecord | undefined;
  try {
    const added = await add(caller, groupId, change.guestUserId);
    // After a try whose outcome was unknown, "already a member" is that try's success.
    const alreadyBefore =
      added.outcome === "already_member" &&
      !(
        previous &&
        (previous.outcome === "pending" ||
          ["outcome_unknown", "not_sent"].includes(previous.errorCode ?? ""))
      );
    completed = await complete(store, change.id, {
      outcome: "succeeded",
      requestId: added.requestId ?? null,
      errorCode: alreadyBefore ? ALREADY_MEMBER_CODE : null,
      errorMessage: null,
    });
    if (!completed)
      return {
        ...membershipOf(change),
        status: alreadyBefore ? "already_member" : "added",
        ...(added.requestId ? { requestId: added.requestId } : {}),
      };
  } catch (error) {
    const failure = failureOf(error);
    completed = await complete(store, change.id, { outcome: "failed", ...failure });
    if (!completed)
      return {
        ...membershipOf(change),
        status: "failed",
        errorCode: failure.errorCode,
        ...(failure.requestId ? { requestId: failure.requestId } : {}),
      };
  }
  return membershipOf(completed);
}

/** A store failure after Graph answered is logged, never thrown over Graph's answer. */
async function complete(
  store: InvitationStore,
  id: string,
  result: Parameters<InvitationStore["changes"]["complete"]>[1],
): Promise<GuestChangeRecord | undefined> {
  try {
    return await store.changes.complete(id, result);
  } catch (error) {
    logger().error({ err: error, changeId: id }, "could not record a group membership outcome");
    return undefined;
  }
}
