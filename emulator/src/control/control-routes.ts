import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PEOPLE, TENANT_DOMAIN } from "../constants";
import { queryFields } from "../http/request-body";
import { originOf } from "../http/request-context";
import { mintToken, resolveUser, type DirectTokenRequest } from "../identity/direct-tokens";
import { invitedUser } from "../store/new-user";
import { seedBulkGuests } from "../store/seed";
import type { TenantState } from "../tenant-state";
import { ControlError, jsonBody, optionalString, parseFault, parseSeed } from "./control-input";
import { emailsPerAddress, sentEmails } from "./sent-emails";
import { settingsPatchProblems } from "./settings-patch";

export function registerControlRoutes(app: FastifyInstance, tenant: TenantState): void {
  const route = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
  ) =>
    app.route({
      method,
      url: `/_emulator${path}`,
      handler: async (request, reply) => {
        try {
          const result = await handler(request, reply);
          return reply.sent ? reply : reply.send(result ?? { ok: true });
        } catch (error) {
          if (error instanceof ControlError)
            return reply.code(error.status).send({ error: error.message });
          throw error;
        }
      },
    });

  route("GET", "", (request) => ({
    tenantId: tenant.identity.tenantId,
    domain: tenant.identity.domain,
    clientId: tenant.identity.clientId,
    url: originOf(request, tenant),
    seed: tenant.seed,
    users: tenant.users.size,
    people: Object.fromEntries(
      Object.entries(PEOPLE).map(([key, person]) => [
        key,
        {
          id: person.id,
          userPrincipalName: person.userPrincipalName,
          roleDescription: person.roleDescription,
        },
      ]),
    ),
    routes: [
      "GET /_emulator/health",
      "POST /_emulator/reset",
      "GET|PATCH /_emulator/settings",
      "POST /_emulator/guests",
      "POST /_emulator/users",
      "GET /_emulator/users/:id",
      "POST /_emulator/users/:id/revoke-sessions",
      "POST /_emulator/users/:id/backdate",
      "GET /_emulator/invitations",
      "GET /_emulator/groups",
      "GET /_emulator/groups/:id",
      "GET|POST|DELETE /_emulator/faults",
      "GET|DELETE /_emulator/requests",
      "POST /_emulator/tokens",
      "GET /_emulator/emails",
      "POST /_emulator/replication/settle",
      "POST /_emulator/clock",
      "PUT /_emulator/users/:id/conditional-access",
      "POST /_emulator/users/:id/roles",
      "DELETE /_emulator/users/:id/roles/:roleTemplateId",
    ],
  }));

  // Moves the tenant's clock forward (deleted items age: 30 days, then purged); {"advanceDays": n}.
  route("POST", "/clock", (request) => {
    const body = jsonBody(request);
    const days = body.advanceDays;
    if (typeof days !== "number" || !Number.isFinite(days) || days < 0)
      throw new ControlError(400, "advanceDays must be a non-negative number");
    tenant.clockOffsetMs += days * 24 * 60 * 60 * 1000;
    return { ok: true, now: new Date(tenant.now()).toISOString() };
  });

  route("GET", "/health", () => ({ ok: true, users: tenant.users.size }));

  route("POST", "/reset", (request) => {
    const body = jsonBody(request);
    const settings = body.settings ?? {};
    const problems = settingsPatchProblems(settings);
    if (problems.length > 0) throw new ControlError(400, problems.join("; "));
    tenant.reset(parseSeed(body.seed) ?? tenant.seed, settings as Record<string, never>);
    return { ok: true, seed: tenant.seed, users: tenant.users.size };
  });

  route("GET", "/settings", () => tenant.settings);

  route("PATCH", "/settings", (request) => {
    const body = jsonBody(request);
    const problems = settingsPatchProblems(body);
    if (problems.length > 0) throw new ControlError(400, problems.join("; "));
    tenant.updateSettings(body);
    return tenant.settings;
  });

  route("POST", "/guests", (request) => {
    const body = jsonBody(request);
    const count = body.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 200_000) {
      throw new ControlError(400, "count must be an integer between 1 and 200000");
    }
    const state = body.externalUserState;
    if (
      state !== undefined &&
      state !== "PendingAcceptance" &&
      state !== "Accepted" &&
      state !== "mixed"
    ) {
      throw new ControlError(400, "externalUserState must be PendingAcceptance, Accepted or mixed");
    }
    const domain = optionalString(body, "domain");
    const displayNamePrefix = optionalString(body, "displayNamePrefix");
    const sponsorId = optionalString(body, "sponsorId");
    const started = Date.now();
    const added = seedBulkGuests(tenant.users, {
      count,
      ...(domain ? { domain } : {}),
      ...(state ? { externalUserState: state } : {}),
      ...(displayNamePrefix ? { displayNamePrefix } : {}),
      ...(sponsorId ? { sponsorId } : {}),
    });
    return { added, total: tenant.users.size, durationMs: Date.now() - started };
  });

  route("POST", "/users", (request) => {
    const body = jsonBody(request);
    const email = optionalString(body, "email");
    if (!email || !email.includes("@")) throw new ControlError(400, "email is required");
    if (tenant.users.findByAddress(email).length > 0)
      throw new ControlError(409, `a user with ${email} exists`);
    const userType = body.userType ?? "Guest";
    if (userType !== "Guest" && userType !== "Member")
      throw new ControlError(400, "userType must be Guest or Member");
    const state = body.externalUserState ?? "PendingAcceptance";
    if (state !== "PendingAcceptance" && state !== "Accepted")
      throw new ControlError(400, "externalUserState must be PendingAcceptance or Accepted");
    const createdDateTime = optionalString(body, "createdDateTime");
    if (createdDateTime && Number.isNaN(Date.parse(createdDateTime)))
      throw new ControlError(400, "createdDateTime must be an ISO date-time");
    const displayName = optionalString(body, "displayName");
    const sponsorId = optionalString(body, "sponsorId");
    const guest = invitedUser({
      email,
      userType,
      externalUserState: state,
      ...(displayName ? { displayName } : {}),
      ...(createdDateTime ? { createdDateTime: new Date(createdDateTime).toISOString() } : {}),
      ...(sponsorId ? { sponsorIds: [sponsorId] } : {}),
      ...(optionalString(body, "id") ? { id: optionalString(body, "id")!.toLowerCase() } : {}),
    });
    const internalMember = body.internal === true;
    const record = tenant.users.add(
      internalMember
        ? {
            ...guest,
            userType: "Member",
            creationType: null,
            externalUserState: null,
            externalUserStateChangeDateTime: null,
            userPrincipalName: `${email.split("@")[0]}@${TENANT_DOMAIN}`,
            mailNickname: email.split("@")[0] ?? email,
          }
        : guest,
    );
    return record;
  });

  app.get<{ Params: { id: string } }>("/_emulator/users/:id", async (request, reply) => {
    const user = resolveUser(tenant, request.params.id);
    if (!user) return reply.code(404).send({ error: `no user '${request.params.id}'` });
    return user;
  });

  app.post<{ Params: { id: string } }>(
    "/_emulator/users/:id/revoke-sessions",
    async (request, reply) => {
      const user = resolveUser(tenant, request.params.id);
      if (!user) return reply.code(404).send({ error: `no user '${request.params.id}'` });
      // One millisecond ahead so that grants issued in this very millisecond are revoked too.
      tenant.users.update(user, {
        signInSessionsValidFromDateTime: new Date(Date.now() + 1).toISOString(),
      });
      return { ok: true, signInSessionsValidFromDateTime: user.signInSessionsValidFromDateTime };
    },
  );

  route("GET", "/invitations", (request) => {
    const email = queryFields(request).email?.toLowerCase();
    return [...tenant.invitations.values()]
      .filter((invitation) => !email || invitation.invitedUserEmailAddress.toLowerCase() === email)
      .reverse();
  });

  const groupView = (group: ReturnType<typeof tenant.groups.all>[number]) => ({
    id: group.id,
    displayName: group.displayName,
    groupTypes: group.groupTypes,
    ownerIds: group.ownerIds,
    memberIds: [...group.memberIds],
  });
  route("GET", "/groups", () => tenant.groups.all().map(groupView));
  route("GET", "/groups/:id", (request, reply) => {
    const group = tenant.groups.get((request.params as { id: string }).id);
    if (!group) return reply.code(404).send({ error: "no such group" });
    return groupView(group);
  });

  route("GET", "/faults", () => tenant.faults.list());
  route("POST", "/faults", (request) => tenant.faults.add(parseFault(jsonBody(request))));
  route("DELETE", "/faults", () => {
    tenant.faults.clear();
    return { ok: true };
  });

  route("GET", "/requests", (request) => {
    const query = queryFields(request);
    return tenant.requestLog.list({
      ...(query.path ? { pathPrefix: query.path } : {}),
      ...(query.method ? { method: query.method } : {}),
    });
  });
  route("DELETE", "/requests", () => {
    tenant.requestLog.clear();
    return { ok: true };
  });

  route("POST", "/tokens", async (request) => {
    const body = jsonBody(request);
    const user = optionalString(body, "user");
    if (!user) throw new ControlError(400, "user is required");
    const audience = body.audience ?? "portal-api";
    if (audience !== "portal-api" && audience !== "graph")
      throw new ControlError(400, "audience must be portal-api or graph");
    const scopes = body.scopes;
    if (
      scopes !== undefined &&
      (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === "string"))
    ) {
      throw new ControlError(400, "scopes must be an array of strings");
    }
    for (const name of ["lifetimeSeconds", "issuedAtOffsetSeconds"]) {
      if (body[name] !== undefined && typeof body[name] !== "number")
        throw new ControlError(400, `${name} must be a number`);
    }
    if (body.mfa !== undefined && typeof body.mfa !== "boolean")
      throw new ControlError(400, "mfa must be a boolean");
    const acrs = body.acrs;
    if (
      acrs !== undefined &&
      (!Array.isArray(acrs) || !acrs.every((item) => typeof item === "string"))
    )
      throw new ControlError(400, "acrs must be an array of strings");
    if (!resolveUser(tenant, user)) throw new ControlError(404, `no user '${user}'`);
    const tokenRequest: DirectTokenRequest = {
      user,
      audience,
      ...(scopes ? { scopes: scopes as string[] } : {}),
      ...(typeof body.lifetimeSeconds === "number"
        ? { lifetimeSeconds: body.lifetimeSeconds }
        : {}),
      ...(typeof body.issuedAtOffsetSeconds === "number"
        ? { issuedAtOffsetSeconds: body.issuedAtOffsetSeconds }
        : {}),
      ...(body.mfa === true ? { mfa: true } : {}),
      ...(acrs ? { acrs: acrs as string[] } : {}),
    };
    const { accessToken, expiresOn } = await mintToken(tenant, tokenRequest);
    return { access_token: accessToken, expires_on: expiresOn };
  });

  route("GET", "/emails", (request) => {
    const to = queryFields(request).to;
    const emails = sentEmails(tenant.invitations.values(), to ? { to } : {});
    return { total: emails.length, perAddress: emailsPerAddress(emails), emails };
  });

  route("POST", "/replication/settle", () => ({
    settled: tenant.addressReplication.settle(),
  }));
}
