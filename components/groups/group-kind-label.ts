import type { DirectoryGroup } from "@/lib/graph/groups";

/** The key under "Groups.types" that names a group's type; dynamic groups say they cannot take members. */
export function groupTypeKey(group: Pick<DirectoryGroup, "kind" | "dynamic">) {
  return group.dynamic ? "dynamic" : group.kind === "microsoft365" ? "microsoft365" : "security";
}
