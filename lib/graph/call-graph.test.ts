import { describe, expect, it } from "vitest";
import { AuthError } from "@/lib/auth/auth-error";
import { callGraph } from "./call-graph";
import { createGraphConnection } from "./graph-connection";
import { postInvitation } from "./invitations";
import { graphError } from "@/test-support/scripted-graph-server";
import {
  failureOf,
  FAST_RETRIES as fast,
  SCRIPTED_CALLER as caller,
  scriptedGraphForThisFile,
} from "@/test-support/scripted-graph-connection";

const { graph, connection } = scriptedGraphForThisFile();

const invite = {
  invitedUserEmailAddress: "guest@fabrikam.com",
  inviteRedirectUrl: "https://myapps.microsoft.com",
};

describe("callGraph", () => {
  it("sends the token to the Graph origin under /v1.0 and returns the request-id", async () => {
    graph.answer({
      status: 201,
      headers: { "request-id": "rid-201" },
      body: { id: "inv-1", status: "PendingAcceptance" },
    });
    const reply = await callGraph(
      connection(),
      { method: "POST", path: "/invitations", body: invite },
      "invite",
    );
    expect(reply).toEqual({
      data: { id: "inv-1", status: "PendingAcceptance" },
      requestId: "rid-201",
    });
    const [request] = graph.received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/v1.0/invitations");
    expect(request?.headers.authorization).toBe("Bearer graph-token");
    expect(JSON.parse(request?.body ?? "")).toEqual(invite);
  });

  it("retries 429 honouring Retry-After, then succeeds", async () => {
    graph.answer(
      {
        status: 429,
        headers: { "Retry-After": "0.05" },
        body: graphError("TooManyRequests", "Too many requests"),
      },
      {
        status: 429,
        headers: { "Retry-After": "0.05" },
        body: graphError("TooManyRequests", "Too many requests"),
      },
      { status: 201, body: { id: "inv-2" } },
    );
    const reply = await callGraph(
      connection(),
      { method: "POST", path: "/invitations", body: invite },
      "invite",
    );
    expect(reply.data).toEqual({ id: "inv-2" });
    expect(graph.received).toHaveLength(3);
    expect(graph.received.map((request) => request.body)).toEqual(
      Array(3).fill(JSON.stringify(invite)),
    );
  });

  it("retries 503 and 504, then succeeds", async () => {
    graph.answer(
      { status: 503 },
      { status: 504, headers: { "Retry-After": "0" } },
      { status: 200, body: { value: [] } },
    );
    const reply = await callGraph(connection(), { method: "GET", path: "/users" }, "searchUsers");
    expect(reply.data).toEqual({ value: [] });
    expect(graph.received).toHaveLength(3);
  });

  it("gives up as throttled after the maximum number of retries", async () => {
    graph.always({
      status: 429,
      headers: { "Retry-After": "0.01", "request-id": "rid-429" },
      body: graphError("TooManyRequests", "x", "rid-429"),
    });
    const failure = await failureOf(
      callGraph(connection(), { method: "POST", path: "/invitations", body: invite }, "invite"),
    );
    expect(failure.code).toBe("throttled");
    expect(failure.requestId).toBe("rid-429");
    expect(failure.retryAfterSeconds).toBe(1);
    expect(graph.received).toHaveLength(1 + fast.maxRetries);
  });

  it("does not wait when Graph asks for longer than the ceiling", async () => {
    graph.always({
      status: 429,
      headers: { "Retry-After": "120" },
      body: graphError("TooManyRequests", "x"),
    });
    const failure = await failureOf(
      callGraph(connection(), { method: "POST", path: "/invitations", body: invite }, "invite"),
    );
    expect(failure).toMatchObject({ code: "throttled", retryAfterSeconds: 120 });
    expect(graph.received).toHaveLength(1);
  });

  it("stops retrying when the total time budget would be exceeded", async () => {
    graph.always({ status: 503, headers: { "Retry-After": "0.4" } });
    const bounds = { ...fast, maxRetries: 10, maxTotalSeconds: 1 };
    const failure = await failureOf(
      callGraph(
        connection({ retryBounds: bounds }),
        { method: "GET", path: "/users" },
        "searchUsers",
      ),
    );
    expect(failure.code).toBe("graph_unreachable");
    expect(graph.received.length).toBeLessThanOrEqual(3);
  });

  it("does not retry other statuses", async () => {
    graph.answer({ status: 500, body: graphError("InternalServerError", "boom", "rid-500") });
    const failure = await failureOf(
      callGraph(connection(), { method: "POST", path: "/invitations", body: invite }, "invite"),
    );
    expect(failure).toMatchObject({ code: "graph_unreachable", requestId: "rid-500", status: 500 });
    expect(graph.received).toHaveLength(1);
  });

  it("maps Graph's error body and takes the request-id from it", async () => {
    graph.answer({
      status: 403,
      body: graphError(
        "Forbidden",
        "Guest invitations not allowed for your company. Contact your company administrator for more details.",
        "rid-403",
      ),
    });
    const failure = await failureOf(
      callGraph(connection(), { method: "POST", path: "/invitations", body: invite }, "invite"),
    );
    expect(failure).toMatchObject({
      code: "invitations_restricted",
      requestId: "rid-403",
      status: 403,
    });
  });

  it("repeats a GET once when no answer comes, then reports it unreachable", async () => {
    graph.answer({ status: 200, hang: true }, { status: 200, hang: true });
    const failure = await failureOf(
      callGraph(
        connection({ attemptTimeoutMs: 200 }),
        { method: "GET", path: "/users" },
        "searchUsers",
      ),
    );
    expect(failure.code).toBe("graph_unreachable");
    expect(graph.received).toHaveLength(2);
  });

  it("recovers when the repeated GET is answered", async () => {
    graph.answer({ status: 200, hang: true }, { status: 200, body: { value: [] } });
    const reply = await callGraph(
      connection({ attemptTimeoutMs: 200 }),
      { method: "GET", path: "/users" },
      "searchUsers",
    );
    expect(reply.data).toEqual({ value: [] });
  });

  it("reports a refused connection as unreachable", async () => {
    const failure = await failureOf(
      callGraph(
        connection({ origin: "http://127.0.0.1:9" }),
        { method: "GET", path: "/users" },
        "searchUsers",
      ),
    );
    expect(failure.code).toBe("graph_unreachable");
  });

  it("lets an on-behalf-of failure through with its code, before any request", async () => {
    const refused = createGraphConnection({
      baseUrl: graph.origin,
      getAccessToken: async () => {
        throw new AuthError("session_expired");
      },
    });
    await expect(
      callGraph(refused, { method: "GET", path: "/users" }, "searchUsers"),
    ).rejects.toMatchObject({
      name: "AuthError",
      code: "session_expired",
    });
    expect(graph.received).toHaveLength(0);
  });
});

describe("postInvitation", () => {
  it("posts the invitation and returns Graph's answer with the request-id", async () => {
    const created = {
      id: "inv-3",
      inviteRedeemUrl: "https://login.microsoftonline.com/redeem?rd=x",
      status: "PendingAcceptance",
      invitedUser: { id: "user-3" },
    };
    graph.answer({ status: 201, headers: { "request-id": "rid-inv" }, body: created });
    const result = await postInvitation(caller, invite, connection());
    expect(result).toEqual({ invitation: created, requestId: "rid-inv" });
  });

  it("is not retried when the connection drops", async () => {
    graph.answer({ status: 201, hang: true });
    const failure = await failureOf(
      postInvitation(caller, invite, connection({ attemptTimeoutMs: 200 })),
    );
    expect(failure.code).toBe("graph_unreachable");
    expect(graph.received).toHaveLength(1);
  });
});
