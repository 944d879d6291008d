import { AuthError } from "@/lib/auth/auth-error";
import { GraphFailure } from "@/lib/graph/graph-failure";
import { logger } from "@/lib/observability/logger";
import { ActionFailure } from "./action-failure";
import type { ActionError } from "./action-result";

/** Expected failures become their code; anything else is `internal` and is logged without its context. */
export function toActionError(error: unknown, actionName: string): ActionError {
  if (error instanceof ActionFailure) return error.error;
  if (error instanceof AuthError) {
    return {
      code: error.code,
      ...(error.details.claims ? { claims: error.details.claims } : {}),
      ...(error.details.permission ? { permission: error.details.permission } : {}),
    };
  }
  if (error instanceof GraphFailure) {
    return {
      code: error.code,
      ...(error.requestId ? { requestId: error.requestId } : {}),
      ...(error.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: error.retryAfterSeconds }
        : {}),
    };
  }
  // Only the error itself: never the action's arguments, which carry the token and may carry redeem links.
  logger().error({ err: error, action: actionName }, "unexpected failure in a server action");
  return { code: "internal" };
}
