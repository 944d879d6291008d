import "server-only";
import type { Caller } from "@/lib/auth/caller";
import type { GroupVerdicts } from "@/lib/bulk/job-rows";
import { getGroup, listOwnedGroups } from "@/lib/graph/groups";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { FieldError } from "@/lib/server-action/action-result";
import { checkChosenGroups } from "./group-memberships";

/**
 * The server's check of the groups a bulk file names, for the job's owner: each id goes through the
 * single invite's own check (`checkChosenGroups`), with the owner's groups listed once for the batch.
 * Lower-case id → the group (named when the owner owns it), or why it is refused.
 */
export async function groupVerdictsFor(
  caller: Caller,
  ids: readonly string[],
  owned: typeof listOwnedGroups = listOwnedGroups,
  lookUp: typeof getGroup = getGroup,
): Promise<GroupVerdicts> {
  const verdicts: GroupVerdicts = new Map();
  const distinct = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (distinct.length === 0) return verdicts;
  const mine = await owned(caller);
  const listed = async () => mine;
  const names = new Map(mine.map((group) => [group.id.toLowerCase(), group]));
  for (const id of distinct) {
    const known = names.get(id);
    const group = { id: known?.id ?? id, displayName: known?.displayName ?? id };
    try {
      await checkChosenGroups(caller, [group], listed);
      // Allowed without owning it (a groups administrator): Graph names it, or says it does not exist
      // or is dynamic, before any row is sent. Graph still decides each request.
      verdicts.set(id, known ? { group } : await anyGroupVerdict(caller, group, lookUp));
    } catch (error) {
      const refusal = error instanceof ActionFailure ? error.fieldErrors?.groups?.[0] : undefined;
      if (!refusal) throw error;
      verdicts.set(id, { problem: refusal });
    }
  }
  return verdicts;
}

async function anyGroupVerdict(
  caller: Caller,
  group: { id: string; displayName: string },
  lookUp: typeof getGroup,
): Promise<{ group: { id: string; displayName: string } } | { problem: FieldError }> {
  let found;
  try {
    found = await lookUp(caller, group.id);
  } catch {
    return { group };
  }
  if (!found) return { problem: { key: "bulk.problems.groupNotFound", params: { id: group.id } } };
  if (found.dynamic)
    return { problem: { key: "validation.groups.dynamic", params: { name: found.displayName } } };
  return { group: { id: found.id, displayName: found.displayName } };
}
