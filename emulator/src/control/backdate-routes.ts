import type { FastifyInstance } from "fastify";
import { resolveUser } from "../identity/direct-tokens";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { ControlError, jsonBody, optionalString } from "./control-input";

/**
 * Moves a user's creation back in time, as if the invitation had been sent then: `createdDateTime`
 * (read-only in Graph, set when the invitation creates the guest) and, for a guest still pending,
 * `externalUserStateChangeDateTime` with it. For tests of "invited more than N days ago".
 */
export function backdateUser(
  users: TenantState["users"],
  user: UserRecord,
  createdDateTime: string,
) {
  users.update(user, {
    createdDateTime,
    ...(user.externalUserState === "PendingAcceptance"
      ? { externalUserStateChangeDateTime: createdDateTime }
      : {}),
  });
}

export function registerBackdateRoutes(app: FastifyInstance, tenant: TenantState): void {
  app.post<{ Params: { id: string } }>("/_emulator/users/:id/backdate", async (request, reply) => {
    try {
      const user = resolveUser(tenant, request.params.id);
      if (!user) return reply.code(404).send({ error: `no user '${request.params.id}'` });
      const body = jsonBody(request);
      const given = optionalString(body, "createdDateTime");
      const daysAgo = body.daysAgo;
      if ((given === undefined) === (daysAgo === undefined))
        throw new ControlError(400, "give either createdDateTime or daysAgo");
      if (daysAgo !== undefined && (typeof daysAgo !== "number" || !(daysAgo >= 0)))
        throw new ControlError(400, "daysAgo must be a number of at least 0");
      const moment =
        given !== undefined
          ? new Date(given)
          : new Date(Date.now() - (daysAgo as number) * 86_400_000);
      if (Number.isNaN(moment.getTime()))
        throw new ControlError(400, "createdDateTime must be an ISO date-time");
      // Graph shows these times to the second.
      backdateUser(tenant.users, user, moment.toISOString().replace(/\.\d{3}Z$/, "Z"));
      return reply.send({ id: user.id, createdDateTime: user.createdDateTime });
    } catch (error) {
      if (error instanceof ControlError)
        return reply.code(error.status).send({ error: error.message });
      throw error;
    }
  });
}
