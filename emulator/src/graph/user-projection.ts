import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { graphErrors } from "./graph-error";
import type { GraphCaller } from "./graph-caller";
import {
  BASIC_USER_PROPERTIES,
  DEFAULT_USER_PROPERTIES,
  USER_NAVIGATION_PROPERTIES,
  canonicalUserProperty,
  userPropertyValue,
} from "./user-properties";

export const FULL_READ_PERMISSIONS = [
  "User.Read.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
export const BASIC_READ_PERMISSIONS = [...FULL_READ_PERMISSIONS, "User.ReadBasic.All"];

export type UserAccess = "full" | "basic";

export const EXPANDED_RELATIONSHIP_LIMIT = 20;

export type Projection = {
  /** Declared property names in answer order; null means the default set. */
  select: string[] | null;
  expandSponsors: { select: string[] | null } | null;
};

/** Parses `$select=a,b`; unknown names get Graph's 400. Navigation properties are accepted and ignored. */
export function parseSelect(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return null;
  const selected: string[] = [];
  for (const name of names) {
    if (name === "*") return null;
    const canonical = canonicalUserProperty(name);
    if (canonical) {
      if (!selected.includes(canonical)) selected.push(canonical);
      continue;
    }
    if (USER_NAVIGATION_PROPERTIES.has(name)) continue;
    throw graphErrors.badRequest(
      `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
    );
  }
  return selected;
}

/** Parses `$expand=sponsors` or `$expand=sponsors($select=id,displayName)`, the only expansion supported. */
export function parseExpand(value: string | undefined): Projection["expandSponsors"] {
  if (value === undefined || value.trim() === "") return null;
  const match = /^\s*sponsors\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/i.exec(value);
  if (!match) {
    throw graphErrors.badRequest(
      `Parsing OData Select and Expand failed: Could not find a property named '${value.split("(")[0]?.trim()}' on type 'microsoft.graph.user' that can be expanded.`,
    );
  }
  return { select: parseSelect(match[1]) };
}

export function accessOf(caller: GraphCaller): UserAccess | null {
  if (FULL_READ_PERMISSIONS.some((permission) => caller.permissions.has(permission))) return "full";
  if (caller.permissions.has("User.ReadBasic.All")) return "basic";
  return null;
}

/** With only User.ReadBasic.All, properties outside the basic profile are hidden (README, "Settings"). */
export function assertReadable(
  tenant: TenantState,
  access: UserAccess,
  names: Iterable<string>,
): void {
  if (access === "full" || tenant.settings.readBasicSelectOfOtherProperties === "null") return;
  for (const name of names)
    if (!BASIC_USER_PROPERTIES.has(name)) throw graphErrors.insufficientPrivileges();
}

export function projectUser(
  tenant: TenantState,
  user: UserRecord,
  projection: Projection,
  access: UserAccess,
): Record<string, unknown> {
  const names = projection.select ?? DEFAULT_USER_PROPERTIES;
  const result: Record<string, unknown> = {};
  for (const name of names) {
    result[name] =
      access === "basic" && !BASIC_USER_PROPERTIES.has(name) ? null : userPropertyValue(user, name);
  }
  if (projection.expandSponsors) {
    const sponsorProjection: Projection = {
      select: projection.expandSponsors.select,
      expandSponsors: null,
    };
    result.sponsors = user.sponsorIds
      .map((id) => tenant.users.get(id))
      .filter((sponsor): sponsor is UserRecord => sponsor !== undefined)
      // An expanded relationship holds at most 20 objects and has no nextLink [doc].
      .slice(0, EXPANDED_RELATIONSHIP_LIMIT)
      .map((sponsor) => ({
        "@odata.type": "#microsoft.graph.user",
        ...projectUser(tenant, sponsor, sponsorProjection, access),
      }));
  }
  return result;
}

/** `@odata.context` for users: `$metadata#users(displayName,mail)` when `$select` narrows it. */
export function usersContext(origin: string, projection: Projection, entity: boolean): string {
  const selected = projection.select ? `(${projection.select.join(",")})` : "";
  return `${origin}/v1.0/$metadata#users${selected}${entity ? "/$entity" : ""}`;
}
