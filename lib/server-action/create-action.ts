import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { hasRequiredRole } from "@/lib/auth/caller-roles";
import type { RoleRequirement } from "@/lib/auth/roles";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { isDraining } from "@/lib/health/draining";
import { personLimiter } from "@/lib/limits/person-limit";
import { withRequestContext } from "@/lib/observability/request-context";
import type { ActionResult } from "./action-result";
import { ActionFailure } from "./action-failure";
import { toActionError } from "./to-action-error";
import { withAdminConsentLink } from "./admin-consent";
import { toFieldErrors } from "./field-errors";

export type ActionContext = { caller: Caller };

export type ActionDefinition<Schema extends z.ZodType, T> = {
  /** Used in server logs only. */
  name: string;
  /** The shared schema; the server's verdict is the one that counts. */
  schema: Schema;
  /**
   * When the form's values sit under one property of the input (e.g. "values" beside an idempotency key),
   * field errors are reported relative to it so their keys match the form's field names.
   */
  formPath?: string;
  /** When set, the caller must hold one of these roles (from the token's claims, else from Graph). */
  requiredRoles?: RoleRequirement;
  /** Only what is specific to the action. Throw ActionFailure, AuthError or GraphFailure for expected failures. */
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<T>;
};

export type ServerAction<T> = (accessToken: string, input: unknown) => Promise<ActionResult<T>>;

/**
 * The one way to write a server action. Server actions are public POST endpoints (docs/graph-behaviour.md#server-actions-are-public), so
 * every call is authenticated and authorized here before any input is read or Graph is called.
 */
export function createAction<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
): ServerAction<T> {
  const run: ServerAction<T> = async (accessToken, input) => {
    let caller: Caller | undefined;
    try {
      caller = await validateAccessToken(accessToken);
      if (definition.requiredRoles && !(await hasRequiredRole(caller, definition.requiredRoles))) {
        return { ok: false, error: { code: "forbidden" } };
      }
      // Per person, before any input is read, so a burst cannot use up the tenant's Graph budget.
      const retryAfterSeconds = await (await personLimiter()).consume(caller);
      if (retryAfterSeconds !== undefined) {
        return { ok: false, error: { code: "rate_limited", retryAfterSeconds } };
      }
      const parsed = await definition.schema.safeParseAsync(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: "validation" },
          fieldErrors: toFieldErrors(parsed.error.issues, definition.formPath),
        };
      }
      return { ok: true, data: await definition.handler(parsed.data, { caller }) };
    } catch (error) {
      const actionError = toActionError(error, definition.name);
      return {
        ok: false,
        error: caller ? await withAdminConsentLink(actionError, caller) : actionError,
        ...(error instanceof ActionFailure && error.fieldErrors
          ? { fieldErrors: error.fieldErrors }
          : {}),
      };
    }
  };
  // One id per call, on every log line and as Graph's client-request-id (lib/observability).
  return async (accessToken, input) => {
    // A stopping instance starts nothing new: refused before the token or input is read, so the
    // browser may send the same call again (another instance answers it; docs/deploy.md#shutdown).
    if (isDraining()) return { ok: false, error: { code: "draining" } };
    return withRequestContext({ requestId: randomUUID(), action: definition.name }, () =>
      run(accessToken, input),
    );
  };
}
