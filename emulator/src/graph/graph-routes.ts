import type { FastifyInstance, FastifyRequest } from "fastify";
import { bodyText, contentTypeOf } from "../http/request-body";
import { originOf } from "../http/request-context";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { graphErrors } from "./graph-error";
import { authenticateGraphCaller, requireAnyPermission, type GraphCaller } from "./graph-caller";
import { readInvitationRequest } from "./invitation-request";
import { createInvitation, INVITE_PERMISSIONS } from "./invitation-service";
import { parseJsonBody } from "./odata-body";
import { systemQueryOptions } from "./query-options";
import { countUsers, listUsers } from "./user-list";
import {
  BASIC_READ_PERMISSIONS,
  accessOf,
  assertReadable,
  parseExpand,
  parseSelect,
  projectUser,
  usersContext,
  type Projection,
  type UserAccess,
} from "./user-projection";
import { updateUser } from "./user-update";
import { activeRoles } from "./directory-role-routes";

type UserParams = { Params: { id: string } };

const SELF_READ_PERMISSIONS = ["User.Read", "User.ReadWrite", ...BASIC_READ_PERMISSIONS];

function readJson(request: FastifyRequest): unknown {
  const type = contentTypeOf(request);
  if (type !== "application/json" && !type.endsWith("+json")) throw graphErrors.unreadablePayload();
  return parseJsonBody(bodyText(request));
}

function singleUserProjection(request: FastifyRequest): Projection {
  const options = systemQueryOptions(request, ["$select", "$expand", "$format"]);
  return {
    select: parseSelect(options.get("$select")),
    expandSponsors: parseExpand(options.get("$expand")),
  };
}

export function registerGraphRoutes(app: FastifyInstance, tenant: TenantState): void {
  const authenticate = (request: FastifyRequest): Promise<GraphCaller> =>
    authenticateGraphCaller(request, tenant);

  function findVisibleUser(id: string): UserRecord {
    const user = tenant.users.getByIdOrUserPrincipalName(id);
    // Just after an invite the new user may not be readable yet (replication) [seen].
    if (!user || user.visibleFromEpochMs > Date.now()) throw graphErrors.resourceNotFound(id);
    return user;
  }

  function listAccess(caller: GraphCaller): UserAccess {
    const access = accessOf(caller);
    // Guests cannot list the directory (docs/graph-behaviour.md#user-properties).
    if (!access || caller.user.userType === "Guest") throw graphErrors.insufficientPrivileges();
    return access;
  }

  app.post("/v1.0/invitations", { config: { endpoint: "invitations" } }, async (request, reply) => {
    const caller = await authenticate(request);
    const retryAfter = tenant.throttle.admit(tenant.settings.invitationRateLimit);
    if (retryAfter !== null)
      throw graphErrors.throttled(tenant.settings.sendRetryAfter ? retryAfter : null);
    requireAnyPermission(caller, INVITE_PERMISSIONS);
    const invitation = createInvitation(
      tenant,
      caller,
      readInvitationRequest(readJson(request)),
      originOf(request, tenant),
    );
    return reply.code(201).send(invitation);
  });

  app.get("/v1.0/users", { config: { endpoint: "users" } }, async (request, reply) => {
    const caller = await authenticate(request);
    return reply.send(listUsers(request, tenant, listAccess(caller)));
  });

  app.get("/v1.0/users/$count", { config: { endpoint: "users" } }, async (request, reply) => {
    const caller = await authenticate(request);
    listAccess(caller);
    return reply.type("text/plain; charset=utf-8").send(String(countUsers(request, tenant)));
  });

  app.get<UserParams>(
    "/v1.0/users/:id",
    { config: { endpoint: "user" } },
    async (request, reply) => {
      const caller = await authenticate(request);
      const projection = singleUserProjection(request);
      const user = findVisibleUser(request.params.id);
      const self = user.id === caller.user.id;
      const access: UserAccess =
        self && SELF_READ_PERMISSIONS.some((name) => caller.permissions.has(name))
          ? "full"
          : listAccess(caller);
      assertReadable(tenant, access, projection.select ?? []);
      return reply.send({
        "@odata.context": usersContext(originOf(request, tenant), projection, true),
        ...projectUser(tenant, user, projection, access),
      });
    },
  );

  app.patch<UserParams>(
    "/v1.0/users/:id",
    { config: { endpoint: "user" } },
    async (request, reply) => {
      const caller = await authenticate(request);
      const body = readJson(request);
      const user = findVisibleUser(request.params.id);
      updateUser(tenant, caller, user, body);
      return reply.code(204).send();
    },
  );

  app.get("/v1.0/me", { config: { endpoint: "me" } }, async (request, reply) => {
    const caller = await authenticate(request);
    requireAnyPermission(caller, SELF_READ_PERMISSIONS);
    const projection = singleUserProjection(request);
    return reply.send({
      "@odata.context": usersContext(originOf(request, tenant), projection, true),
      ...projectUser(tenant, caller.user, projection, "full"),
    });
  });

  app.get("/v1.0/me/memberOf", { config: { endpoint: "memberOf" } }, async (request, reply) => {
    const caller = await authenticate(request);
    requireAnyPermission(caller, [
      ...SELF_READ_PERMISSIONS,
      "GroupMember.Read.All",
      "Group.Read.All",
    ]);
    systemQueryOptions(request, ["$select", "$top", "$filter", "$count", "$orderby", "$format"]);
    const value = activeRoles(caller.user);
    return reply.send({
      "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#directoryObjects`,
      value,
    });
  });
}

/** Methods Graph answers on known paths, for 405s on the others. */
export const GRAPH_ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/v1\.0\/invitations\/?$/i, ["POST"]],
  [/^\/v1\.0\/users\/?$/i, ["GET"]],
  [/^\/v1\.0\/users\/\$count\/?$/i, ["GET"]],
  [/^\/v1\.0\/users\/[^/]+\/?$/i, ["GET", "PATCH", "DELETE"]],
  [/^\/v1\.0\/me\/?$/i, ["GET"]],
  [/^\/v1\.0\/me\/memberOf\/?$/i, ["GET"]],
];
