import { describe, expect, it } from "vitest";
import type { GraphOperation } from "./graph-operation";
import { mapGraphError, type GraphErrorDetails } from "./map-graph-error";

const REQUEST_ID = "5d5c8a1e-0000-4000-8000-000000000001";

describe("mapGraphError", () => {
  it.each<[string, GraphErrorDetails, GraphOperation, string]>([
    [
      "invitations disabled for the company",
      {
        status: 403,
        code: "Forbidden",
        message:
          "Guest invitations not allowed for your company. Contact your company administrator for more details.",
      },
      "invite",
      "invitations_restricted",
    ],
    [
      "insufficient privileges to invite",
      {
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      },
      "invite",
      "invitations_restricted",
    ],
    [
      "insufficient privileges to reset",
      {
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      },
      "resetRedemption",
      "forbidden",
    ],
    [
      "an address of a member",
      {
        status: 400,
        code: "BadRequest",
        message:
          "The invited user already exists in the directory as object ID: 1a2b3c4d-0000-4000-8000-000000000000",
      },
      "invite",
      "member_exists",
    ],
    [
      "a blocked domain (message)",
      {
        status: 400,
        code: "BadRequest",
        message:
          "The domain fabrikam.com is blocked by the tenant's external collaboration settings.",
      },
      "invite",
      "domain_blocked",
    ],
    [
      "a blocked domain (other wording)",
      {
        status: 403,
        code: "Forbidden",
        message: "Invitations to users from this domain are not allowed.",
      },
      "invite",
      "domain_blocked",
    ],
    [
      "a blocked domain (code)",
      { status: 400, code: "DomainBlocked", message: "Request denied." },
      "invite",
      "domain_blocked",
    ],
    [
      "a new e-mail not on the user",
      {
        status: 400,
        code: "BadRequest",
        message:
          "The email you’re using to invite this user doesn’t match any emails on the user object. Please add this email to the user object and try again.",
      },
      "resetRedemption",
      "email_mismatch",
    ],
    [
      "throttling",
      { status: 429, code: "TooManyRequests", retryAfterSeconds: 2.128 },
      "invite",
      "throttled",
    ],
    ["service unavailable", { status: 503 }, "invite", "graph_unreachable"],
    ["gateway timeout", { status: 504 }, "searchUsers", "graph_unreachable"],
    [
      "an internal server error",
      { status: 500, code: "InternalServerError" },
      "invite",
      "graph_unreachable",
    ],
    ["no response at all", {}, "invite", "graph_unreachable"],
    [
      "an expired Graph token",
      {
        status: 401,
        code: "InvalidAuthenticationToken",
        message: "Access token has expired or is not yet valid.",
      },
      "invite",
      "session_expired",
    ],
    [
      "inviting without the right to invite (real Graph: 401, not 403)",
      {
        status: 401,
        code: "Unauthorized",
        message:
          "Insufficient privileges to perform requested operation by the application '00000003-0000-0000-c000-000000000000'. ControllerName=MSGraphInviteAPI, ActionName=CreateInvite, URL absolute path=/api/b3d0c6a4/invites",
      },
      "invite",
      "invitations_restricted",
    ],
    [
      "a reset without the directory role",
      { status: 403, code: "Forbidden", message: "Generic authorization exception." },
      "resetRedemption",
      "forbidden",
    ],
    [
      "an unsupported query",
      { status: 400, code: "Request_UnsupportedQuery" },
      "listPendingGuests",
      "graph_error",
    ],
    [
      "a bad request",
      { status: 400, code: "BadRequest", message: "Invalid email address." },
      "invite",
      "graph_error",
    ],
    ["not found", { status: 404, code: "Request_ResourceNotFound" }, "updateUser", "graph_error"],
  ])("maps %s", (_case, details, operation, code) => {
    expect(mapGraphError({ ...details, requestId: REQUEST_ID }, operation).code).toBe(code);
  });

  it("always carries Graph's request-id and status", () => {
    const failure = mapGraphError(
      { status: 400, code: "BadRequest", requestId: REQUEST_ID },
      "invite",
    );
    expect(failure.requestId).toBe(REQUEST_ID);
    expect(failure.status).toBe(400);
    expect(failure.graphCode).toBe("BadRequest");
  });

  it("rounds the wait up for throttling only", () => {
    expect(
      mapGraphError({ status: 429, retryAfterSeconds: 2.128 }, "invite").retryAfterSeconds,
    ).toBe(3);
    expect(
      mapGraphError({ status: 503, retryAfterSeconds: 5 }, "invite").retryAfterSeconds,
    ).toBeUndefined();
  });

  it("keeps Graph's message for the history", () => {
    const failure = mapGraphError(
      { status: 400, code: "BadRequest", message: "Invalid email address." },
      "invite",
    );
    expect(failure.message).toBe("Graph invite failed: 400 BadRequest (Invalid email address.)");
  });
});
