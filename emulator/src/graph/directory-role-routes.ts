import type { FastifyInstance, FastifyRequest } from "fastify";
import { DIRECTORY_ROLES } from "../constants";
import { bodyText, contentTypeOf } from "../http/request-body";
import { originOf } from "../http/request-context";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { authenticateGraphCaller, requireAnyPermission } from "./graph-caller";
import { graphErrors } from "./graph-error";
import { parseJsonBody } from "./odata-body";
import { systemQueryOptions } from "./query-options";
import { BASIC_READ_PERMISSIONS } from "./user-projection";

/** A signed-in user may read their own memberships with User.Read (getMemberObjects doc). */
const OWN_MEMBERSHIP_PERMISSIONS = [
  "User.Read",
  "User.ReadWrite",
  ...BASIC_READ_PERMISSIONS,
  "GroupMember.Read.All",
  "Group.Read.All",
];

/** The caller's directory roles now, not when their token was issued (PIM activations show at once). */
export function activeRoles(user: UserRecord) {
  return user.directoryRoles.flatMap((templateId) => {
    const role = DIRECTORY_ROLES[templateId];
    return role
      ? [
          {
            "@odata.type": "#microsoft.graph.directoryRole",
            id: role.id,
            deletedDateTime: null,
            description: role.description,
            displayName: role.displayName,
            roleTemplateId: templateId,
          },
        ]
      : [];
  });
}

function readSecurityEnabledOnly(request: FastifyRequest): boolean {
  const type = contentTypeOf(request);
  if (type !== "application/json" && !type.endsWith("+json")) throw graphErrors.unreadablePayload();
  const body = parseJsonBody(bodyText(request));
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw graphErrors.unreadablePayload();
  for (const name of Object.keys(body)) {
    if (name !== "securityEnabledOnly")
      throw graphErrors.badRequest(
        `The parameter '${name}' in the request payload is not a valid parameter for the operation 'getMemberObjects'.`,
      );
  }
  const value = (body as { securityEnabledOnly?: unknown }).securityEnabledOnly;
  // Our wording: the parameter is required [doc], Graph's message for its absence is not captured.
  if (typeof value !== "boolean")
    throw graphErrors.badRequest("The parameter 'securityEnabledOnly' must be true or false.");
  return value;
}

/** The signed-in user's directory roles, the way Graph is the authority on them (docs/graph-behaviour.md#directory-roles). */
export function registerDirectoryRoleRoutes(app: FastifyInstance, tenant: TenantState): void {
  app.get(
    "/v1.0/me/memberOf/microsoft.graph.directoryRole",
    { config: { endpoint: "memberOf" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, OWN_MEMBERSHIP_PERMISSIONS);
      systemQueryOptions(request, ["$select", "$top", "$filter", "$count", "$orderby", "$format"]);
      return reply.send({
        "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#directoryRoles`,
        value: activeRoles(caller.user),
      });
    },
  );

  app.post(
    "/v1.0/me/getMemberObjects",
    { config: { endpoint: "memberOf" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, OWN_MEMBERSHIP_PERMISSIONS);
      // Directory roles count as memberships only when not restricted to security groups [doc].
      const value = readSecurityEnabledOnly(request)
        ? []
        : activeRoles(caller.user).map((role) => role.id);
      return reply.send({
        "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#Collection(Edm.String)`,
        value,
      });
    },
  );
}

/** Methods Graph answers on these paths, for 405s on the others. */
export const DIRECTORY_ROLE_ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/v1\.0\/me\/memberOf\/microsoft\.graph\.directoryRole\/?$/i, ["GET"]],
  [/^\/v1\.0\/me\/getMemberObjects\/?$/i, ["POST"]],
];
