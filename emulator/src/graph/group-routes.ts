import type { FastifyInstance, FastifyRequest } from "fastify";
import { DIRECTORY_ROLE_TEMPLATES } from "../constants";
import { bodyText, contentTypeOf } from "../http/request-body";
import { originOf } from "../http/request-context";
import { isDynamicGroup, type GroupRecord } from "../store/group-store";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { SEARCH_NEEDS_HEADER } from "./advanced-query";
import {
  authenticateGraphCaller,
  hasAnyPermission,
  holdsAnyRole,
  requireAnyPermission,
  type GraphCaller,
} from "./graph-caller";
import { GraphError, graphErrors } from "./graph-error";
import { parseJsonBody } from "./odata-body";
import { parseFilter, type FilterNode, type Operand } from "./odata-filter";
import { isEventuallyConsistent, queryWithout, systemQueryOptions } from "./query-options";

/*
 * Groups, their owners and members (emulator/README.md, "Groups", with sources):
 * - List ownedObjects: User.Read; a caller without a group permission gets only `@odata.type` and
 *   `id` of each group ("limited information returned for inaccessible member objects") [doc].
 * - List groups: GroupMember.Read.All is the least privileged delegated permission [doc];
 *   `$search` needs `ConsistencyLevel: eventual` [doc].
 * - Add members: GroupMember.ReadWrite.All, and the signed-in person must own the group or hold a
 *   role with microsoft.directory/groups/members/update [doc]; a dynamic group answers 403 [seen].
 * - checkMemberGroups: up to 20 group ids per call [doc].
 */

/** Permissions that let the caller read a group's properties. */
export const GROUP_READ_PERMISSIONS = [
  "GroupMember.Read.All",
  "GroupMember.ReadWrite.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

export const GROUP_MEMBER_WRITE_PERMISSIONS = [
  "GroupMember.ReadWrite.All",
  "Group.ReadWrite.All",
  "Directory.ReadWrite.All",
];

/** Roles of the local tenant with microsoft.directory/groups/members/update on any group [doc]. */
export const GROUP_MEMBER_ROLES = [
  DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
  DIRECTORY_ROLE_TEMPLATES.userAdministrator,
  DIRECTORY_ROLE_TEMPLATES.directoryWriters,
] as const;

const OWNED_PERMISSIONS = ["User.Read", "User.ReadWrite", "User.Read.All", "User.ReadWrite.All"];

const GROUP_PROPERTIES = [
  "id",
  "displayName",
  "description",
  "mail",
  "mailEnabled",
  "mailNickname",
  "securityEnabled",
  "groupTypes",
  "membershipRule",
  "membershipRuleProcessingState",
  "isAssignableToRole",
  "visibility",
  "createdDateTime",
] as const;
type GroupProperty = (typeof GROUP_PROPERTIES)[number];

const DEFAULT_PAGE_SIZE = 100;
const CHECK_MEMBER_GROUPS_LIMIT = 20;

export const groupErrors = {
  alreadyMember: () =>
    graphErrors.badRequest(
      "One or more added object references already exist for the following modified properties: 'members'.",
      "Request_BadRequest",
    ),
  invalidReference: (value: string) =>
    graphErrors.badRequest(`Invalid object identifier '${value}'.`, "Request_BadRequest"),
  // Our wording: Graph's message for a body without @odata.id is not captured [guess].
  missingReference: () =>
    graphErrors.badRequest(
      "The request body must hold '@odata.id' with a directory object URL.",
      "Request_BadRequest",
    ),
};

function canonicalGroupProperty(name: string): GroupProperty | undefined {
  const lowered = name.trim().toLowerCase();
  return GROUP_PROPERTIES.find((property) => property.toLowerCase() === lowered);
}

function parseGroupSelect(value: string | undefined): GroupProperty[] | null {
  if (value === undefined || value.trim() === "") return null;
  return value.split(",").map((name) => {
    const property = canonicalGroupProperty(name);
    if (!property)
      throw graphErrors.badRequest(
        `Could not find a property named '${name.trim()}' on type 'microsoft.graph.group'.`,
      );
    return property;
  });
}

function parseTop(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  const top = Number(value);
  if (!/^\d+$/.test(value.trim()) || top < 1 || top > 999)
    throw graphErrors.badRequest(
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
      "Request_BadRequest",
    );
  return top;
}

const pageTokenError = () =>
  graphErrors.badRequest(
    "The specified page token value has expired and can no longer be included in your request.",
    "Directory_ExpiredPageToken",
  );

function encodeOffset(offset: number): string {
  return `RFNwdAIAAQAAA${Buffer.from(JSON.stringify({ offset })).toString("base64url")}`;
}

function decodeOffset(value: string): number {
  try {
    if (value.startsWith("RFNwdAIAAQAAA")) {
      const parsed = JSON.parse(Buffer.from(value.slice(13), "base64url").toString("utf8")) as {
        offset?: unknown;
      };
      if (
        typeof parsed.offset === "number" &&
        Number.isInteger(parsed.offset) &&
        parsed.offset >= 0
      )
        return parsed.offset;
    }
  } catch {
    // any token we did not make is an expired token to Graph
  }
  throw pageTokenError();
}

function projectGroup(group: GroupRecord, select: GroupProperty[] | null, full: boolean) {
  const properties = select ?? GROUP_PROPERTIES;
  const projected: Record<string, unknown> = { "@odata.type": "#microsoft.graph.group" };
  for (const property of properties) {
    const value = group[property];
    projected[property] =
      property === "id" || full ? (Array.isArray(value) ? [...value] : value) : null;
  }
  projected.id = group.id;
  return projected;
}

/** `"displayName:term"` clauses joined by AND/OR; a term matches the start of any word [doc]. */
function parseGroupSearch(search: string): (group: GroupRecord) => boolean {
  const clause = /^\s*"([^":]+):([^"]*)"\s*/;
  let rest = search;
  const alternatives: { property: "displayName" | "description"; term: string }[][] = [[]];
  for (;;) {
    const match = clause.exec(rest);
    if (!match)
      throw graphErrors.badRequest(
        `Invalid $search clause '${search}'. Use quoted "property:value" clauses joined by AND or OR.`,
        "Request_BadRequest",
      );
    const property = canonicalGroupProperty(match[1]!);
    if (property !== "displayName" && property !== "description")
      throw graphErrors.unsupportedQuery(
        `Unsupported or invalid $search property '${match[1]!.trim()}' for resource 'Group'.`,
      );
    alternatives[alternatives.length - 1]!.push({
      property,
      term: match[2]!.trim().toLowerCase(),
    });
    rest = rest.slice(match[0].length);
    if (rest.trim() === "") break;
    const connector = /^(AND|OR)\s+/.exec(rest);
    if (!connector)
      throw graphErrors.badRequest(`Invalid $search clause '${search}'.`, "Request_BadRequest");
    if (connector[1] === "OR") alternatives.push([]);
    rest = rest.slice(connector[0].length);
  }
  const matches = (value: string | null, term: string) =>
    value !== null &&
    value
      .toLowerCase()
      .split(/[\s._@\-,]+/)
      .some((word) => word.startsWith(term));
  return (group) =>
    alternatives.some((clauses) =>
      clauses.every(({ property, term }) => matches(group[property], term)),
    );
}

function operandValue(group: GroupRecord, operand: Operand): unknown {
  if (operand.kind === "literal") return operand.value;
  const name = operand.segments.join("/");
  const property = canonicalGroupProperty(name);
  if (!property || property === "groupTypes")
    throw graphErrors.unsupportedQuery(`Unsupported filter property '${name}' for 'Group'.`);
  return group[property];
}

/** The `$filter` subset the portal and tests use on groups: eq/ne, startswith, and/or/not. */
function compileGroupFilter(node: FilterNode): (group: GroupRecord) => boolean {
  switch (node.kind) {
    case "and": {
      const left = compileGroupFilter(node.left);
      const right = compileGroupFilter(node.right);
      return (group) => left(group) && right(group);
    }
    case "or": {
      const left = compileGroupFilter(node.left);
      const right = compileGroupFilter(node.right);
      return (group) => left(group) || right(group);
    }
    case "not": {
      const operand = compileGroupFilter(node.operand);
      return (group) => !operand(group);
    }
    case "compare":
      if (node.operator !== "eq" && node.operator !== "ne") break;
      return (group) => {
        const left = operandValue(group, node.left);
        const right = operandValue(group, node.right);
        const equal =
          typeof left === "string" && typeof right === "string"
            ? left.toLowerCase() === right.toLowerCase()
            : left === right;
        return node.operator === "eq" ? equal : !equal;
      };
    case "function":
      if (node.name !== "startswith") break;
      return (group) => {
        const value = operandValue(group, node.target);
        return (
          typeof value === "string" &&
          typeof node.value.value === "string" &&
          value.toLowerCase().startsWith(node.value.value.toLowerCase())
        );
      };
    default:
      break;
  }
  throw graphErrors.unsupportedQuery("Unsupported query.");
}

type ListOptions = {
  path: string;
  groups: GroupRecord[];
  full: boolean;
  filterNeedsHeader: boolean;
};

/** One page of groups with Graph's query rules; `filterNeedsHeader` for relationship paths. */
function listGroups(request: FastifyRequest, tenant: TenantState, options: ListOptions) {
  const query = systemQueryOptions(request, [
    "$select",
    "$top",
    "$skiptoken",
    "$filter",
    "$search",
    "$count",
    "$orderby",
    "$format",
  ]);
  const eventual = isEventuallyConsistent(request);
  const select = parseGroupSelect(query.get("$select"));
  const top = parseTop(query.get("$top"));
  const count = (query.get("$count") ?? "").trim().toLowerCase() === "true";
  const searchText = query.get("$search");
  const filterText = query.get("$filter");
  if (searchText !== undefined && !eventual)
    throw graphErrors.unsupportedQuery(SEARCH_NEEDS_HEADER);
  // $filter on a relationship (ownedObjects) is an advanced query [doc]: header and $count=true.
  if (filterText !== undefined && options.filterNeedsHeader && !(eventual && count))
    throw graphErrors.unsupportedQuery(
      "Request with $filter on a directory object relationship needs the 'ConsistencyLevel: eventual' header and $count=true. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
    );
  const search = searchText !== undefined ? parseGroupSearch(searchText) : null;
  const filter =
    filterText !== undefined && filterText.trim() !== ""
      ? compileGroupFilter(parseFilter(filterText))
      : null;
  const offset = query.has("$skiptoken") ? decodeOffset(query.get("$skiptoken") ?? "") : 0;
  const orderBy = (query.get("$orderby") ?? "").trim();
  const matches = options.groups.filter(
    (group) => (!search || search(group)) && (!filter || filter(group)),
  );
  if (orderBy !== "") {
    const [name = "", direction = "asc"] = orderBy.split(/\s+/);
    if (canonicalGroupProperty(name) !== "displayName")
      throw graphErrors.unsupportedQuery(`Unsupported sort property '${name}' for 'Group'.`);
    matches.sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName) * (direction.toLowerCase() === "desc" ? -1 : 1),
    );
  }
  const page = matches.slice(offset, offset + top);
  const rest = queryWithout(request, "$skiptoken");
  const origin = originOf(request, tenant);
  return {
    "@odata.context": `${origin}/v1.0/$metadata#groups`,
    ...(count && eventual && offset === 0 ? { "@odata.count": matches.length } : {}),
    ...(offset + top < matches.length
      ? {
          "@odata.nextLink": `${origin}${options.path}?${rest ? `${rest}&` : ""}$skiptoken=${encodeOffset(offset + top)}`,
        }
      : {}),
    value: page.map((group) => projectGroup(group, select, options.full)),
  };
}

function readJsonObject(request: FastifyRequest): Record<string, unknown> {
  const type = contentTypeOf(request);
  if (type !== "application/json" && !type.endsWith("+json")) throw graphErrors.unreadablePayload();
  const body = parseJsonBody(bodyText(request));
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw graphErrors.unreadablePayload();
  return body as Record<string, unknown>;
}

const REFERENCE = /^https?:\/\/[^/]+\/(?:v1\.0|beta)\/(?:directoryObjects|users)\/([^/?#]+)$/i;

/** The member id of an `@odata.id` reference; Graph refuses anything else as an invalid identifier. */
function referencedId(body: Record<string, unknown>): string {
  const value = body["@odata.id"];
  if (value === undefined) throw groupErrors.missingReference();
  if (typeof value !== "string") throw groupErrors.invalidReference(String(value));
  const match = REFERENCE.exec(value.trim());
  const id = match?.[1];
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw groupErrors.invalidReference(value);
  return id;
}

function mayChangeMembers(caller: GraphCaller, group: GroupRecord): boolean {
  return (
    group.ownerIds.some((owner) => owner.toLowerCase() === caller.user.id.toLowerCase()) ||
    holdsAnyRole(caller.user, GROUP_MEMBER_ROLES)
  );
}

export function registerGroupRoutes(app: FastifyInstance, tenant: TenantState): void {
  const findGroup = (id: string): GroupRecord => {
    const group = tenant.groups.get(id);
    if (!group) throw graphErrors.resourceNotFound(id);
    return group;
  };
  const findVisibleUser = (id: string): UserRecord => {
    const user = tenant.users.getByIdOrUserPrincipalName(id);
    if (!user || user.visibleFromEpochMs > Date.now()) throw graphErrors.resourceNotFound(id);
    return user;
  };

  for (const path of ["/v1.0/me/ownedObjects", "/v1.0/me/ownedObjects/microsoft.graph.group"]) {
    app.get(path, { config: { endpoint: "groups" } }, async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, [...OWNED_PERMISSIONS, ...GROUP_READ_PERMISSIONS]);
      return reply.send(
        listGroups(request, tenant, {
          path,
          groups: tenant.groups.ownedBy(caller.user.id),
          full: hasAnyPermission(caller, GROUP_READ_PERMISSIONS),
          filterNeedsHeader: true,
        }),
      );
    });
  }

  app.get("/v1.0/groups", { config: { endpoint: "groups" } }, async (request, reply) => {
    const caller = await authenticateGraphCaller(request, tenant);
    requireAnyPermission(caller, GROUP_READ_PERMISSIONS);
    // Guests cannot list the directory's groups by default [doc].
    if (caller.user.userType === "Guest") throw graphErrors.insufficientPrivileges();
    return reply.send(
      listGroups(request, tenant, {
        path: "/v1.0/groups",
        groups: tenant.groups.all(),
        full: true,
        filterNeedsHeader: false,
      }),
    );
  });

  app.get<{ Params: { id: string } }>(
    "/v1.0/groups/:id",
    { config: { endpoint: "groups" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, GROUP_READ_PERMISSIONS);
      const options = systemQueryOptions(request, ["$select", "$format"]);
      const group = findGroup(request.params.id);
      const { "@odata.type": _type, ...projected } = projectGroup(
        group,
        parseGroupSelect(options.get("$select")),
        true,
      );
      return reply.send({
        "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#groups/$entity`,
        ...projected,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    "/v1.0/groups/:id/members",
    { config: { endpoint: "groups" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, GROUP_READ_PERMISSIONS);
      systemQueryOptions(request, ["$select", "$top", "$format"]);
      const group = findGroup(request.params.id);
      const value = [...group.memberIds].flatMap((id) => {
        const user = tenant.users.get(id);
        return user
          ? [
              {
                "@odata.type": "#microsoft.graph.user",
                id: user.id,
                displayName: user.displayName,
                userPrincipalName: user.userPrincipalName,
                mail: user.mail,
              },
            ]
          : [];
      });
      return reply.send({
        "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#directoryObjects`,
        value,
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    "/v1.0/groups/:id/members/$ref",
    { config: { endpoint: "groupMembers" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, GROUP_MEMBER_WRITE_PERMISSIONS);
      const group = findGroup(request.params.id);
      const memberId = referencedId(readJsonObject(request));
      if (!mayChangeMembers(caller, group)) throw graphErrors.insufficientPrivileges();
      // Membership of a dynamic group follows its rule: Graph refuses to change it [seen].
      if (isDynamicGroup(group)) throw graphErrors.insufficientPrivileges();
      const member = findVisibleUser(memberId);
      if (group.memberIds.has(member.id)) throw groupErrors.alreadyMember();
      group.memberIds.add(member.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    "/v1.0/users/:id/checkMemberGroups",
    { config: { endpoint: "groups" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, GROUP_READ_PERMISSIONS);
      const user = findVisibleUser(request.params.id);
      const body = readJsonObject(request);
      for (const name of Object.keys(body)) {
        if (name !== "groupIds")
          throw graphErrors.badRequest(
            `The parameter '${name}' in the request payload is not a valid parameter for the operation 'checkMemberGroups'.`,
          );
      }
      const ids = body.groupIds;
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string"))
        throw new GraphError(400, "BadRequest", "The parameter 'groupIds' must be a list of ids.");
      if (ids.length > CHECK_MEMBER_GROUPS_LIMIT)
        throw graphErrors.badRequest(
          `The number of group ids exceeds the maximum of ${CHECK_MEMBER_GROUPS_LIMIT}.`,
          "Request_BadRequest",
        );
      const value = (ids as string[]).filter((id) => tenant.groups.get(id)?.memberIds.has(user.id));
      return reply.send({
        "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#Collection(Edm.String)`,
        value,
      });
    },
  );
}

/** Methods Graph answers on these paths, for 405s on the others. */
export const GROUP_ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/v1\.0\/me\/ownedObjects(\/microsoft\.graph\.group)?\/?$/i, ["GET"]],
  [/^\/v1\.0\/groups\/?$/i, ["GET", "POST"]],
  [/^\/v1\.0\/groups\/[^/]+\/?$/i, ["GET", "PATCH", "DELETE"]],
  [/^\/v1\.0\/groups\/[^/]+\/members\/?$/i, ["GET", "POST"]],
  [/^\/v1\.0\/groups\/[^/]+\/members\/\$ref\/?$/i, ["GET", "POST"]],
  [/^\/v1\.0\/users\/[^/]+\/checkMemberGroups\/?$/i, ["POST"]],
];
