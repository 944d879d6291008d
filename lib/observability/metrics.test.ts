import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { resetServerConfig } from "@/lib/config/server-config";
import { postInvitation } from "@/lib/graph/invitations";
import { answerMetrics, startMetricsServer } from "./metrics-endpoint";
import { withRequestContext } from "./request-context";

// An invitation through the real Graph adapter against the local tenant, then a scrape.
let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startLocalTenant({ port: 0, seed: "minimal" });
  vi.stubEnv("LOCAL_TENANT_URL", tenant.url);
  vi.stubEnv("DATABASE_URL", "");
  resetServerConfig();
});
afterAll(async () => {
  await tenant.close();
  vi.unstubAllEnvs();
  resetServerConfig();
});

function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((entry) => entry.startsWith(`${name}{${labels}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("metrics", () => {
  it("counts an invitation and its Graph latency, answered on METRICS_PORT", async () => {
    const caller = await validateAccessToken(
      (await tenant.issueToken({ user: "adele", audience: "portal-api" })).accessToken,
    );
    const server = startMetricsServer(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
    const before = await (await fetch(url)).text();

    await postInvitation(caller, {
      invitedUserEmailAddress: `metrics.${Date.now()}@fabrikam.com`,
      inviteRedirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: false,
    });

    const response = await fetch(url);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const after = await response.text();
    server.close();
    const sent = 'outcome="sent",code="none",lane="single"';
    expect(sample(after, "portal_invitations_total", sent)).toBe(
      sample(before, "portal_invitations_total", sent) + 1,
    );
    const invite = 'le="+Inf",operation="invite",status="201"';
    expect(sample(after, "portal_graph_request_duration_seconds_bucket", invite)).toBe(
      sample(before, "portal_graph_request_duration_seconds_bucket", invite) + 1,
    );
    expect(after).toContain("portal_bulk_rows_queued");
  });

  it("answers on the portal's port only with METRICS_TOKEN as a bearer token", async () => {
    vi.stubEnv("METRICS_TOKEN", "");
    expect((await answerMetrics(null, { requireToken: true })).status).toBe(404);
    vi.stubEnv("METRICS_TOKEN", "scrape-token-1234");
    expect((await answerMetrics("Bearer wrong", { requireToken: true })).status).toBe(401);
    expect((await answerMetrics(null, { requireToken: false })).status).toBe(401);
    const answer = await answerMetrics("Bearer scrape-token-1234", { requireToken: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("portal_invitations_total");
  });

  it("sends the action's request id to Graph as client-request-id", async () => {
    const caller = await validateAccessToken(
      (await tenant.issueToken({ user: "adele", audience: "portal-api" })).accessToken,
    );
    const requestId = randomUUID();
    const email = `correlated.${Date.now()}@fabrikam.com`;
    await withRequestContext({ requestId, action: "inviteGuest" }, () =>
      postInvitation(caller, {
        invitedUserEmailAddress: email,
        inviteRedirectUrl: "https://myapps.microsoft.com",
        sendInvitationMessage: false,
      }),
    );
    const post = tenant
      .requests({ pathPrefix: "/v1.0/invitations", method: "POST" })
      .find(
        (entry) =>
          (entry.body as { invitedUserEmailAddress?: string }).invitedUserEmailAddress === email,
      );
    expect(post?.headers["client-request-id"]).toBe(requestId);
  });
});
