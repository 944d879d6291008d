import type { FastifyInstance, FastifyReply } from "fastify";
import type { ConditionalAccessPolicy } from "../settings";
import type { TenantState } from "../tenant-state";
import { ControlError, jsonBody, optionalString } from "./control-input";
import { activateRole, deactivateRole, setConditionalAccess } from "./sign-in-controls";

type UserParams = { Params: { id: string } };
type RoleParams = { Params: { id: string; roleTemplateId: string } };

function refuse(reply: FastifyReply, error: unknown) {
  if (error instanceof ControlError) return reply.code(error.status).send({ error: error.message });
  throw error;
}

/** Control routes for a person's sign-in: Conditional Access and directory role activation (PIM). */
export function registerSignInControlRoutes(app: FastifyInstance, tenant: TenantState): void {
  app.put<UserParams>("/_emulator/users/:id/conditional-access", async (request, reply) => {
    try {
      const policy = optionalString(jsonBody(request), "policy");
      if (!policy) throw new ControlError(400, "policy is required");
      setConditionalAccess(tenant, request.params.id, policy as ConditionalAccessPolicy);
      return { ok: true, conditionalAccess: tenant.settings.conditionalAccess };
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post<UserParams>("/_emulator/users/:id/roles", async (request, reply) => {
    try {
      const roleTemplateId = optionalString(jsonBody(request), "roleTemplateId");
      if (!roleTemplateId) throw new ControlError(400, "roleTemplateId is required");
      const user = activateRole(tenant, request.params.id, roleTemplateId);
      return { ok: true, directoryRoles: user.directoryRoles };
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.delete<RoleParams>("/_emulator/users/:id/roles/:roleTemplateId", async (request, reply) => {
    try {
      const user = deactivateRole(tenant, request.params.id, request.params.roleTemplateId);
      return { ok: true, directoryRoles: user.directoryRoles };
    } catch (error) {
      return refuse(reply, error);
    }
  });
}
