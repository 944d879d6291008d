import type { Request } from "@playwright/test";
import { expect, signInAs, test } from "./support/fixtures";

/**
 * Server actions are public POST endpoints (docs/graph-behaviour.md#server-actions-are-public). These tests replay the invite action's
 * real HTTP request outside the UI with tokens the browser would never send, and check that each is
 * refused before any Graph call or on-behalf-of exchange.
 */

type CapturedAction = { url: string; headers: Record<string, string>; args: unknown[] };

async function captureSendAction(page: import("@playwright/test").Page): Promise<CapturedAction> {
  const captured = new Promise<Request>((resolve) => {
    page.on("request", (request) => {
      if (request.method() === "POST" && request.headers()["next-action"]) {
        const body = request.postData() ?? "";
        if (body.includes("invitedUserEmailAddress") || body.includes("captured@fabrikam.com"))
          resolve(request);
      }
    });
  });
  await page.getByLabel("E-mail address").fill("captured@fabrikam.com");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const request = await captured;
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  const headers = await request.allHeaders();
  return {
    url: request.url(),
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(request.url()).origin,
    },
    args: JSON.parse(request.postData() ?? "[]") as unknown[],
  };
}

function withToken(action: CapturedAction, token: unknown, email: string): string {
  const [, input] = action.args as [
    string,
    { values: Record<string, unknown>; idempotencyKey: string },
  ];
  return JSON.stringify([
    token,
    {
      ...input,
      values: { ...input.values, email },
      idempotencyKey: `replay-${email.replace(/\W/g, "-")}`,
    },
  ]);
}

function forge(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
  claims.oid = "00000000-0000-0000-0000-000000000001";
  claims.wids = ["62e90394-69f5-4237-9190-012177145e10"]; // Global Administrator
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

test("the invite action refuses missing, expired, wrong-audience and forged tokens before calling Graph", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  const action = await captureSendAction(page);
  const [validToken] = action.args as [string];
  const graphCallsBefore = (await tenant.requests({ path: "/v1.0" })).length;
  const tokenCallsBefore = (await tenant.requests({ path: "/oauth2/v2.0/token" })).length;

  const expired = await tenant.token({
    user: "adele",
    audience: "portal-api",
    lifetimeSeconds: 600,
    issuedAtOffsetSeconds: -3600,
  });
  const graphToken = await tenant.token({ user: "adele", audience: "graph" });
  const cases: Array<[string, unknown]> = [
    ["no token", ""],
    ["not a string", { token: validToken }],
    ["garbage", "not-a-jwt"],
    ["expired", expired],
    ["a Graph token (wrong audience)", graphToken],
    ["forged claims on a real signature", forge(validToken)],
  ];

  for (const [name, token] of cases) {
    const email = `replay-${name.replace(/\W+/g, "-")}@fabrikam.com`;
    const response = await page.request.post(action.url, {
      headers: action.headers,
      data: withToken(action, token, email),
    });
    const text = await response.text();
    expect(text, name).toMatch(/"code":"(unauthenticated|session_expired)"/);
    expect(text, name).not.toContain("inviteRedeemUrl");
    expect(await tenant.invitations(email), name).toHaveLength(0);
  }

  expect((await tenant.requests({ path: "/v1.0" })).length).toBe(graphCallsBefore);
  expect((await tenant.requests({ path: "/oauth2/v2.0/token" })).length).toBe(tokenCallsBefore);

  // The same replay with the real token works, so the refusals above are about the tokens.
  const response = await page.request.post(action.url, {
    headers: action.headers,
    data: withToken(action, validToken, "replay-valid@fabrikam.com"),
  });
  expect(await response.text()).toContain('"ok":true');
  expect(await tenant.invitations("replay-valid@fabrikam.com")).toHaveLength(1);
});

test("the server validates input itself: a bad address sent straight to the action changes nothing", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  const action = await captureSendAction(page);
  const [validToken] = action.args as [string];
  const response = await page.request.post(action.url, {
    headers: action.headers,
    data: withToken(action, validToken, "bad+plus@fabrikam.com"),
  });
  const text = await response.text();
  expect(text).toContain('"code":"validation"');
  expect(text).toContain("validation.email.plusAddressing");
  expect(await tenant.invitations("bad+plus@fabrikam.com")).toHaveLength(0);
});
