import { expect, signInAs, test } from "./support/fixtures";

// The local tenant's fixed tenant id (docs/architecture.md).
const TENANT_ID = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";

test("liveness and readiness answer in JSON, and readiness fails while the tenant's keys cannot be fetched", async ({
  request,
  tenant,
}) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  const body = await ready.json();
  expect(body).toMatchObject({
    status: "ready",
    ready: true,
    draining: false,
    checks: { database: { ok: true, detail: "pglite" }, tenantKeys: { ok: true } },
  });
  expect(JSON.stringify(body)).not.toMatch(/secret|password|postgres:\/\//i);

  await tenant.injectFault({
    path: `/${TENANT_ID}/discovery/v2.0/keys`,
    kind: "status",
    status: 503,
  });
  const notReady = await request.get("/api/health/ready");
  expect(notReady.status()).toBe(503);
  expect(await notReady.json()).toMatchObject({
    status: "not_ready",
    checks: { database: { ok: true }, tenantKeys: { ok: false, detail: "HTTP 503" } },
  });
});

test.describe("a viewer in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("sees exact times in their own zone, labelled, on the history page", async ({
    page,
    tenant,
  }) => {
    void tenant;
    await signInAs(page, "adele");
    await page.getByLabel("E-mail address").fill(`tz.${Date.now()}@fabrikam.com`);
    await page.getByLabel("Display name").fill("Time Zone");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();

    await page.getByRole("link", { name: "History" }).click();
    const sentAt = page.locator("time").first();
    await expect(sentAt).toHaveAttribute("title", /GMT\+9/);

    // The next server render already knows the zone.
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "NEXT_TIME_ZONE")?.value).toBe(
      encodeURIComponent("Asia/Tokyo"),
    );
  });
});

test("pages carry a nonce-based Content-Security-Policy, and HSTS only over https", async ({
  request,
}) => {
  const page = await request.get("/");
  const policy = page.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(page.headers()["permissions-policy"]).toContain("camera=()");
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(await page.text()).toContain(`nonce="${nonce}"`);

  const again = await request.get("/");
  expect(again.headers()["content-security-policy"]).not.toBe(policy);

  const bridge = await request.get("/redirect");
  expect(bridge.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");

  const behindTls = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toContain("max-age=");
});
