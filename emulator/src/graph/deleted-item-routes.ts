import type { FastifyInstance, FastifyRequest } from "fastify";
import { DIRECTORY_ROLE_TEMPLATES } from "../constants";
import { bodyText, contentTypeOf } from "../http/request-body";
import { originOf } from "../http/request-context";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { countNeedsHeader } from "./advanced-query";
import {
  ADMINISTRATOR_ROLES,
  authenticateGraphCaller,
  holdsAnyRole,
  requireAnyPermission,
  type GraphCaller,
} from "./graph-caller";
import { GraphError, graphErrors } from "./graph-error";
import { parseJsonBody } from "./odata-body";
import { parseFilter } from "./odata-filter";
import { isEventuallyConsistent, queryWithout, systemQueryOptions } from "./query-options";
import { compileUserFilter } from "./user-filter";
import { parseSelect, projectUser, type Projection } from "./user-projection";

/**
 * Deleting, listing, restoring and purging users (docs/graph-behaviour.md#removing-and-restoring-guests).
 * Delete and restore: delegated User.ReadWrite.All (or User.DeleteRestore.All) plus the User
 * Administrator role (or Global Administrator) [doc: user-delete, directory-deleteditems-restore].
 * Listing and reading deleted users: User.Read.All plus one of those roles [doc: directory-deleteditems-list].
 */
const WRITE_PERMISSIONS = ["User.DeleteRestore.All", "User.ReadWrite.All"];
const READ_PERMISSIONS = [
  "User.Read.All",
  "User.ReadWrite.All",
  "User.DeleteRestore.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
const DELETE_ROLES = ADMINISTRATOR_ROLES;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 100;
const LIST_OPTIONS = ["$filter", "$select", "$top", "$skiptoken", "$count", "$orderby", "$format"];

type IdParams = { Params: { id: string } };

function requireRole(caller: GraphCaller): void {
  if (!holdsAnyRole(caller.user, DELETE_ROLES)) throw graphErrors.insufficientPrivileges();
}

function admitWrite(tenant: TenantState): void {
  const retryAfter = tenant.directoryWriteThrottle.admit(tenant.settings.directoryWriteRateLimit);
  if (retryAfter !== null)
    throw graphErrors.throttled(tenant.settings.sendRetryAfter ? retryAfter : null);
}

/** Deleted users older than the retention period are gone for good: purged on every look. */
export function purgeExpiredDeletedUsers(tenant: TenantState): void {
  const cutoff = tenant.now() - tenant.settings.deletedItemsRetentionDays * DAY_MS;
  for (const user of tenant.users.deletedUsers()) {
    if (Date.parse(user.deletedDateTime ?? "") <= cutoff) tenant.users.purge(user);
  }
}

function findDeleted(tenant: TenantState, id: string): UserRecord {
  purgeExpiredDeletedUsers(tenant);
  const user = tenant.users.getDeleted(id);
  if (!user) throw graphErrors.resourceNotFound(id);
  return user;
}

/**
 * The restore conflict when a live object took the user's name or address: the same answer Graph
 * gives a write that collides (README, "Deleted items"); the holder is named as on PATCH [seen].
 */
function propertyConflict(property: string, holderId: string): GraphError {
  const message = `Another object with the same value for property ${property} already exists.`;
  return new GraphError(400, "Request_BadRequest", message, {}, [
    { code: "ObjectConflict", message, target: property },
    { code: "ConflictingObjects", message, target: holderId },
  ]);
}

function readRestoreBody(request: FastifyRequest): { newUserPrincipalName: string | null } {
  const text = bodyText(request);
  if (text.trim() === "") return { newUserPrincipalName: null };
  const type = contentTypeOf(request);
  if (type !== "application/json" && !type.endsWith("+json")) throw graphErrors.unreadablePayload();
  const body = parseJsonBody(text);
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw graphErrors.unreadablePayload();
  for (const name of Object.keys(body)) {
    if (name !== "newUserPrincipalName" && name !== "autoReconcileProxyConflict")
      throw graphErrors.badRequest(
        `The parameter '${name}' in the request payload is not a valid parameter for the operation 'restore'.`,
      );
  }
  const value = (body as { newUserPrincipalName?: unknown }).newUserPrincipalName;
  return { newUserPrincipalName: typeof value === "string" && value !== "" ? value : null };
}

function deletedUserBody(tenant: TenantState, user: UserRecord, projection: Projection) {
  return {
    "@odata.type": "#microsoft.graph.user",
    ...projectUser(tenant, user, projection, "full"),
    deletedDateTime: user.deletedDateTime ?? null,
  };
}

function parsePositiveTop(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 999)
    throw graphErrors.badRequest(
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
      "Request_BadRequest",
    );
  return top;
}

function parseOffset(value: string | undefined): number {
  if (value === undefined) return 0;
  const match = /^RFNwdAIAAQAAA(.+)$/.exec(value);
  const offset = match ? Number(Buffer.from(match[1]!, "base64url").toString("utf8")) : NaN;
  if (!Number.isInteger(offset) || offset < 0)
    throw graphErrors.badRequest(
      "The specified page token value has expired and can no longer be included in your request.",
      "Directory_ExpiredPageToken",
    );
  return offset;
}

/**
 * GET /directory/deletedItems/microsoft.graph.user: paged (100 by default), `$filter` as on users,
 * `$orderby=deletedDateTime` only as an advanced query (the header and `$count=true`) [doc example].
 */
function listDeletedUsers(request: FastifyRequest, tenant: TenantState) {
  purgeExpiredDeletedUsers(tenant);
  const options = systemQueryOptions(request, LIST_OPTIONS);
  const eventual = isEventuallyConsistent(request);
  const count = (options.get("$count") ?? "").toLowerCase() === "true";
  const advanced = eventual && count;
  const top = parsePositiveTop(options.get("$top"));
  const offset = parseOffset(options.get("$skiptoken"));
  const projection: Projection = {
    select: parseSelect(options.get("$select")),
    expandSponsors: null,
  };
  const filterText = options.get("$filter");
  const filter = filterText?.trim() ? compileUserFilter(parseFilter(filterText)) : null;
  if (filter?.advancedOperator && !advanced)
    throw graphErrors.unsupportedQuery(
      `Operator '${filter.advancedOperator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
    );
  const orderText = options.get("$orderby")?.trim() ?? "";
  let descending: boolean | null = null;
  if (orderText) {
    const [property = "", direction = "asc", ...extra] = orderText.split(/\s+/);
    if (property.toLowerCase() !== "deleteddatetime" || extra.length > 0)
      throw graphErrors.unsupportedQuery(`Unsupported sort property '${property}' for 'User'.`);
    if (!advanced)
      throw graphErrors.unsupportedQuery(`Unsupported sort property '${property}' for 'User'.`);
    descending = direction.toLowerCase() === "desc";
  }
  const matches = tenant.users.deletedUsers().filter((user) => !filter || filter.matches(user));
  if (descending !== null) {
    matches.sort((a, b) => {
      const difference = Date.parse(a.deletedDateTime ?? "") - Date.parse(b.deletedDateTime ?? "");
      return descending ? -difference : difference;
    });
  }
  const page = matches.slice(offset, offset + top);
  const origin = originOf(request, tenant);
  const rest = queryWithout(request, "$skiptoken");
  const next = offset + top < matches.length ? offset + top : null;
  return {
    "@odata.context": `${origin}/v1.0/$metadata#directoryObjects/microsoft.graph.user`,
    ...(count && eventual && offset === 0 ? { "@odata.count": matches.length } : {}),
    ...(next !== null
      ? {
          "@odata.nextLink": `${origin}/v1.0/directory/deletedItems/microsoft.graph.user?${rest ? `${rest}&` : ""}$skiptoken=RFNwdAIAAQAAA${Buffer.from(String(next)).toString("base64url")}`,
        }
      : {}),
    value: page.map((user) => deletedUserBody(tenant, user, projection)),
  };
}

export function registerDeletedItemRoutes(app: FastifyInstance, tenant: TenantState): void {
  const config = { config: { endpoint: "deletedItems" as const } };

  app.delete<IdParams>("/v1.0/users/:id", config, async (request, reply) => {
    const caller = await authenticateGraphCaller(request, tenant);
    admitWrite(tenant);
    requireAnyPermission(caller, WRITE_PERMISSIONS);
    requireRole(caller);
    const user = tenant.users.getByIdOrUserPrincipalName(request.params.id);
    if (!user || user.visibleFromEpochMs > Date.now())
      throw graphErrors.resourceNotFound(request.params.id);
    // Only a Global Administrator may delete someone who holds an administrator role [doc: user-delete].
    if (
      user.directoryRoles.length > 0 &&
      !holdsAnyRole(caller.user, [DIRECTORY_ROLE_TEMPLATES.globalAdministrator])
    )
      throw graphErrors.insufficientPrivileges();
    tenant.users.softDelete(user, new Date(tenant.now()).toISOString().replace(/\.\d+Z$/, "Z"));
    return reply.code(204).send();
  });

  app.get("/v1.0/directory/deletedItems/microsoft.graph.user", config, async (request, reply) => {
    const caller = await authenticateGraphCaller(request, tenant);
    requireAnyPermission(caller, READ_PERMISSIONS);
    requireRole(caller);
    return reply.send(listDeletedUsers(request, tenant));
  });

  app.get(
    "/v1.0/directory/deletedItems/microsoft.graph.user/$count",
    config,
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, READ_PERMISSIONS);
      requireRole(caller);
      if (!isEventuallyConsistent(request)) throw countNeedsHeader();
      purgeExpiredDeletedUsers(tenant);
      const options = systemQueryOptions(request, ["$filter"]);
      const filterText = options.get("$filter");
      const filter = filterText?.trim() ? compileUserFilter(parseFilter(filterText)) : null;
      const total = tenant.users.deletedUsers().filter((user) => !filter || filter.matches(user));
      return reply.type("text/plain; charset=utf-8").send(String(total.length));
    },
  );

  app.get<IdParams>("/v1.0/directory/deletedItems/:id", config, async (request, reply) => {
    const caller = await authenticateGraphCaller(request, tenant);
    requireAnyPermission(caller, READ_PERMISSIONS);
    requireRole(caller);
    const options = systemQueryOptions(request, ["$select", "$format"]);
    const user = findDeleted(tenant, request.params.id);
    const projection: Projection = {
      select: parseSelect(options.get("$select")),
      expandSponsors: null,
    };
    return reply.send({
      "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#directoryObjects/$entity`,
      ...deletedUserBody(tenant, user, projection),
    });
  });

  app.post<IdParams>("/v1.0/directory/deletedItems/:id/restore", config, async (request, reply) => {
    const caller = await authenticateGraphCaller(request, tenant);
    admitWrite(tenant);
    requireAnyPermission(caller, WRITE_PERMISSIONS);
    requireRole(caller);
    const { newUserPrincipalName } = readRestoreBody(request);
    const user = findDeleted(tenant, request.params.id);
    const userPrincipalName = newUserPrincipalName ?? user.userPrincipalName;
    const nameHolder = tenant.users.getByIdOrUserPrincipalName(userPrincipalName);
    if (nameHolder) throw propertyConflict("userPrincipalName", nameHolder.id);
    const addressHolder = user.mail ? tenant.users.findByAddress(user.mail)[0] : undefined;
    if (addressHolder) throw propertyConflict("proxyAddresses", addressHolder.id);
    user.userPrincipalName = userPrincipalName;
    tenant.users.restore(user);
    return reply.send({
      "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#directoryObjects/$entity`,
      "@odata.type": "#microsoft.graph.user",
      ...projectUser(tenant, user, { select: null, expandSponsors: null }, "full"),
    });
  });

  app.delete<IdParams>("/v1.0/directory/deletedItems/:id", config, async (request, reply) => {
    const caller = await authenticateGraphCaller(request, tenant);
    admitWrite(tenant);
    requireAnyPermission(caller, WRITE_PERMISSIONS);
    requireRole(caller);
    tenant.users.purge(findDeleted(tenant, request.params.id));
    return reply.code(204).send();
  });
}

/** Methods Graph answers on these paths, for 405s on the others. */
export const DELETED_ITEM_ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/v1\.0\/directory\/deletedItems\/microsoft\.graph\.user\/?$/i, ["GET"]],
  [/^\/v1\.0\/directory\/deletedItems\/[^/]+\/restore\/?$/i, ["POST"]],
  [/^\/v1\.0\/directory\/deletedItems\/[^/]+\/?$/i, ["GET", "DELETE"]],
];
