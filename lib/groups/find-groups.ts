import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { mayChooseAnyGroup } from "@/lib/auth/caller-roles";
import { listOwnedGroups, searchGroups, type DirectoryGroup } from "@/lib/graph/groups";

export type GroupChoices = {
  /** Administrators may search every group; others see the groups they own. */
  scope: "owned" | "all";
  groups: DirectoryGroup[];
};

const OWNED_SHOWN = 50;

/** Graph manages only Microsoft 365 and security groups' members: distribution lists are not offered. */
const manageable = (group: DirectoryGroup) => group.kind !== "distribution";

/**
 * The groups the invite form offers: the caller's owned groups (all of them when `query` is empty),
 * plus, for administrators, any group whose name starts with `query`.
 */
export async function findGroups(caller: Caller, query: string): Promise<GroupChoices> {
  const [anyGroup, owned] = await Promise.all([
    mayChooseAnyGroup(caller),
    listOwnedGroups(caller, query).then((groups) => groups.filter(manageable)),
  ]);
  if (!anyGroup || query.trim() === "")
    return { scope: anyGroup ? "all" : "owned", groups: owned.slice(0, OWNED_SHOWN) };
  const found = (await searchGroups(caller, query)).filter(manageable);
  const seen = new Set(owned.map((group) => group.id));
  return {
    scope: "all",
    groups: [...owned, ...found.filter((group) => !seen.has(group.id))].slice(0, OWNED_SHOWN),
  };
}
