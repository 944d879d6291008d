import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, type LocalTenant } from "../src/index";
import { callGraph, expectSuccess } from "./helpers/graph-client";
import { graphAs } from "./helpers/graph-session";
import { startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset("minimal"));

async function backdate(id: string, body: unknown) {
  const response = await fetch(`${tenant.url}/_emulator/users/${id}/backdate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /_emulator/users/:id/backdate", () => {
  it("moves a pending guest's creation back, and Graph shows it", async () => {
    const id = MINIMAL_GUESTS.pending.id;
    const before = Date.now();
    const moved = await backdate(id, { daysAgo: 45 });
    const after = Date.now();
    expect(moved.status).toBe(200);
    const created = Date.parse(String(moved.body.createdDateTime));
    // Graph shows the time to the second, so it may read up to a second earlier.
    expect(created).toBeGreaterThanOrEqual(before - 45 * 86_400_000 - 1_000);
    expect(created).toBeLessThanOrEqual(after - 45 * 86_400_000);

    const reader = await graphAs(tenant, "megan", ["User.Read.All"]);
    const user = expectSuccess(
      await callGraph(
        reader,
        `/users/${id}?$select=id,createdDateTime,externalUserState,externalUserStateChangeDateTime`,
      ),
      200,
      "microsoft.graph.user",
    );
    expect(user).toMatchObject({
      createdDateTime: moved.body.createdDateTime,
      externalUserState: "PendingAcceptance",
      externalUserStateChangeDateTime: moved.body.createdDateTime,
    });
  });

  it("takes an exact moment, and refuses what is not one", async () => {
    const id = MINIMAL_GUESTS.pending.id;
    expect(await backdate(id, { createdDateTime: "2026-01-05T08:00:00Z" })).toMatchObject({
      status: 200,
      body: { createdDateTime: "2026-01-05T08:00:00Z" },
    });
    expect((await backdate(id, { createdDateTime: "last year" })).status).toBe(400);
    expect((await backdate(id, { daysAgo: -1 })).status).toBe(400);
    expect((await backdate(id, {})).status).toBe(400);
    expect((await backdate("00000000-0000-4000-8000-00000000dead", { daysAgo: 1 })).status).toBe(
      404,
    );
  });
});
