import type { FastifyInstance, FastifyRequest } from "fastify";
import { DIRECTORY_ROLE_TEMPLATES } from "../constants";
import { bodyText, contentTypeOf } from "../http/request-body";
import { originOf } from "../http/request-context";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { GraphError, graphErrors } from "./graph-error";
import {
  authenticateGraphCaller,
  holdsAnyRole,
  requireAnyPermission,
  type GraphCaller,
} from "./graph-caller";
import { parseJsonBody } from "./odata-body";
import { systemQueryOptions } from "./query-options";
import { accessOf, parseSelect, projectUser } from "./user-projection";

type SponsorParams = { Params: { id: string } };
type SponsorRefParams = { Params: { id: string; sponsorId: string } };

/** A guest has at most five sponsors (README, "Sponsors"). */
export const MAX_SPONSORS = 5;

/** List sponsors: least privileged delegated permission User.Read (README, "Sponsors"). */
const READ_SPONSORS_PERMISSIONS = [
  "User.Read",
  "User.ReadBasic.All",
  "User.Read.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
/** Add and remove sponsors: User.ReadWrite.All, higher Directory.ReadWrite.All. */
const WRITE_SPONSORS_PERMISSIONS = ["User.ReadWrite.All", "Directory.ReadWrite.All"];
/** Roles holding microsoft.directory/users/sponsors/update: Directory Writers, User Administrator (and Global). */
export const SPONSOR_UPDATE_ROLES = [
  DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
  DIRECTORY_ROLE_TEMPLATES.userAdministrator,
  DIRECTORY_ROLE_TEMPLATES.directoryWriters,
] as const;

/** Graph's answer when the sponsor is already there [seen] (README, "Sponsors"). */
const alreadySponsor = () =>
  new GraphError(
    400,
    "Request_BadRequest",
    "One or more added object references already exist for the following modified properties: 'sponsors'.",
  );

/** A sixth sponsor: the limit is documented, Graph's wording is not [guess]. */
const tooManySponsors = () =>
  new GraphError(
    400,
    "Request_BadRequest",
    `The maximum number of sponsors (${MAX_SPONSORS}) for this user has been reached.`,
  );

const REFERENCE_URL = /\/(?:v1\.0|beta)\/(?:users|directoryObjects)\/([^/?#]+)\/?$/i;

function readReference(request: FastifyRequest): string {
  const type = contentTypeOf(request);
  if (type !== "application/json" && !type.endsWith("+json")) throw graphErrors.unreadablePayload();
  const body = parseJsonBody(bodyText(request));
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw graphErrors.unreadablePayload();
  const entries = Object.entries(body as Record<string, unknown>);
  const reference = (body as Record<string, unknown>)["@odata.id"];
  for (const [name] of entries) {
    if (name !== "@odata.id" && !name.startsWith("@odata."))
      throw graphErrors.unknownProperty(name, "microsoft.graph.directoryObject");
  }
  if (typeof reference !== "string" || reference.trim() === "")
    throw graphErrors.badRequest(
      "Invalid request: the '@odata.id' reference is missing or empty.",
      "Request_BadRequest",
    );
  const match = REFERENCE_URL.exec(reference.trim());
  if (!match)
    throw graphErrors.badRequest(`Invalid object identifier '${reference}'.`, "Request_BadRequest");
  return decodeURIComponent(match[1]!);
}

export function registerSponsorRoutes(app: FastifyInstance, tenant: TenantState): void {
  function findUser(id: string): UserRecord {
    const user = tenant.users.getByIdOrUserPrincipalName(id);
    if (!user || user.visibleFromEpochMs > Date.now()) throw graphErrors.resourceNotFound(id);
    return user;
  }

  function requireSponsorWriter(caller: GraphCaller): void {
    requireAnyPermission(caller, WRITE_SPONSORS_PERMISSIONS);
    if (!holdsAnyRole(caller.user, SPONSOR_UPDATE_ROLES))
      throw graphErrors.insufficientPrivileges();
  }

  app.get<SponsorParams>(
    "/v1.0/users/:id/sponsors",
    { config: { endpoint: "sponsors" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireAnyPermission(caller, READ_SPONSORS_PERMISSIONS);
      const options = systemQueryOptions(request, ["$select", "$format"]);
      const select = parseSelect(options.get("$select"));
      const user = findUser(request.params.id);
      // With User.Read alone other users' sponsors come back with limited information [doc].
      const access = accessOf(caller) ?? "basic";
      const value = user.sponsorIds
        .map((id) => tenant.users.get(id))
        .filter((sponsor): sponsor is UserRecord => sponsor !== undefined)
        .map((sponsor) => ({
          "@odata.type": "#microsoft.graph.user",
          ...projectUser(tenant, sponsor, { select, expandSponsors: null }, access),
          // `id` always comes with a directoryObject, even when $select leaves it out [doc].
          id: sponsor.id,
        }));
      return reply.send({
        "@odata.context": `${originOf(request, tenant)}/v1.0/$metadata#directoryObjects`,
        value,
      });
    },
  );

  app.post<SponsorParams>(
    "/v1.0/users/:id/sponsors/$ref",
    { config: { endpoint: "sponsors" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireSponsorWriter(caller);
      const user = findUser(request.params.id);
      const sponsorId = readReference(request);
      const sponsor = findUser(sponsorId);
      if (user.sponsorIds.includes(sponsor.id)) throw alreadySponsor();
      if (user.sponsorIds.length >= MAX_SPONSORS) throw tooManySponsors();
      tenant.users.update(user, { sponsorIds: [...user.sponsorIds, sponsor.id] });
      return reply.code(204).send();
    },
  );

  app.delete<SponsorRefParams>(
    "/v1.0/users/:id/sponsors/:sponsorId/$ref",
    { config: { endpoint: "sponsors" } },
    async (request, reply) => {
      const caller = await authenticateGraphCaller(request, tenant);
      requireSponsorWriter(caller);
      const user = findUser(request.params.id);
      const sponsorId = request.params.sponsorId.toLowerCase();
      if (!user.sponsorIds.some((id) => id.toLowerCase() === sponsorId))
        throw graphErrors.resourceNotFound(request.params.sponsorId);
      tenant.users.update(user, {
        sponsorIds: user.sponsorIds.filter((id) => id.toLowerCase() !== sponsorId),
      });
      return reply.code(204).send();
    },
  );
}

/** Methods Graph answers on these paths, for 405s on the others. */
export const SPONSOR_ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/v1\.0\/users\/[^/]+\/sponsors\/?$/i, ["GET"]],
  [/^\/v1\.0\/users\/[^/]+\/sponsors\/\$ref\/?$/i, ["POST"]],
  [/^\/v1\.0\/users\/[^/]+\/sponsors\/[^/]+\/\$ref\/?$/i, ["DELETE"]],
];
