import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeLocalTenant } from "@/lib/actions/fake-local-tenant";
import { closeStore, getStore } from "@/lib/db";
import { graphError } from "@/lib/graph/fake-graph-server";
import { searchPeople, sendInvitation } from "./actions";

let tenant: Awaited<ReturnType<typeof startFakeLocalTenant>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "invite-actions-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  tenant = await startFakeLocalTenant();
  await getStore(); // Opening PGlite and migrating takes seconds: keep it out of the first test.
});
afterEach(() => tenant.reset());
afterAll(async () => {
  await tenant.close();
  await closeStore();
  await rm(dataDir, { recursive: true, force: true });
});

const values = {
  email: "guest@fabrikam.com",
  displayName: "Guest Person",
  redirectUrl: "https://myapps.microsoft.com",
  userType: "Guest",
  sendInvitationMessage: true,
  messageLanguage: "es-ES",
  customMessage: "Welcome",
  ccRecipient: "manager@contoso.com",
  sponsors: [{ id: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", displayName: "Adele Vance" }],
};
const created = {
  id: "inv-1",
  inviteRedeemUrl: "https://login.microsoftonline.com/redeem?rd=ticket",
  status: "PendingAcceptance",
  invitedUser: { id: "user-1", userPrincipalName: "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com" },
};
let keyCounter = 0;
const newKey = () => `key-${Date.now()}-${(keyCounter += 1)}`;

describe("sendInvitation", () => {
  it("invites through Graph with User.Invite.All only and records the attempt", async () => {
    tenant.answer({ status: 201, headers: { "request-id": "rid-1" }, body: created });
    const token = await tenant.issuer.sign({ name: "Megan Bowen", preferred_username: "megan@contoso.com" });
    const idempotencyKey = newKey();
    const result = await sendInvitation(token, { values, idempotencyKey });

    expect(result).toEqual({
      ok: true,
      data: {
        invitationId: "inv-1",
        status: "PendingAcceptance",
        guestUserId: "user-1",
        userPrincipalName: "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        redeemUrl: "https://login.microsoftonline.com/redeem?rd=ticket",
        requestId: "rid-1",
      },
    });
    expect(tenant.oboScopes.at(-1)?.split(" ")).toContain("https://graph.microsoft.com/User.Invite.All");
    expect(tenant.oboScopes.at(-1)).not.toMatch(/User\.Read/);
    expect(tenant.received).toHaveLength(1);
    expect(JSON.parse(tenant.received[0]?.body ?? "")).toMatchObject({
      invitedUserEmailAddress: "guest@fabrikam.com",
      invitedUserSponsors: [{ id: values.sponsors[0]?.id }],
    });

    const history = await (await getStore()).listHistory({ limit: 10, guestQuery: "guest@fabrikam.com" });
    expect(history.items[0]).toMatchObject({
      kind: "single",
      outcome: "succeeded",
      idempotencyKey,
      inviterName: "Megan Bowen",
      inviterUpn: "megan@contoso.com",
      guestEmail: "guest@fabrikam.com",
      guestDisplayName: "Guest Person",
      messageLanguage: "es-ES",
      customMessage: "Welcome",
      ccRecipient: "manager@contoso.com",
      sponsorIds: [values.sponsors[0]?.id],
      invitationId: "inv-1",
      guestUserId: "user-1",
      redeemUrl: created.inviteRedeemUrl,
      requestId: "rid-1",
    });
  });

  it("answers a repeated submission from the history without inviting again", async () => {
    tenant.answer({ status: 201, body: created });
    const token = await tenant.issuer.sign();
    const input = { values, idempotencyKey: newKey() };
    const first = await sendInvitation(token, input);
    const second = await sendInvitation(token, input);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.data).toMatchObject({
      invitationId: first.data.invitationId,
      redeemUrl: first.data.redeemUrl,
      guestUserId: first.data.guestUserId,
    });
    expect(tenant.received).toHaveLength(1);
  });

  it("reports a submission still in flight as duplicate_in_progress", async () => {
    const token = await tenant.issuer.sign();
    const input = { values, idempotencyKey: newKey() };
    tenant.answer({ status: 503, headers: { "Retry-After": "0.5" } }, { status: 201, body: created });
    const first = sendInvitation(token, input);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sendInvitation(token, input)).toEqual({ ok: false, error: { code: "duplicate_in_progress" } });
    expect((await first).ok).toBe(true);
  });

  it("records a failure, returns its code and request-id, and lets the same key try again", async () => {
    const token = await tenant.issuer.sign();
    const input = { values, idempotencyKey: newKey() };
    tenant.answer({
      status: 403,
      body: graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.", "rid-403"),
    });
    expect(await sendInvitation(token, input)).toEqual({
      ok: false,
      error: { code: "invitations_restricted", requestId: "rid-403" },
    });
    const [failed] = (await (await getStore()).listHistory({ limit: 1 })).items;
    expect(failed).toMatchObject({ outcome: "failed", errorCode: "invitations_restricted", requestId: "rid-403" });

    tenant.answer({ status: 201, body: created });
    expect((await sendInvitation(token, input)).ok).toBe(true);
  });

  it("refuses an invalid token before touching Graph or the history", async () => {
    const forged = await tenant.issuer.sign({}, { key: "foreign" });
    expect(await sendInvitation(forged, { values, idempotencyKey: newKey() })).toEqual({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect(tenant.received).toHaveLength(0);
  });

  it("validates with the shared schema and reports errors by form field", async () => {
    const token = await tenant.issuer.sign();
    const result = await sendInvitation(token, {
      values: { ...values, email: "guest+tag@fabrikam.com", redirectUrl: "http://apps.contoso.com" },
      idempotencyKey: newKey(),
    });
    expect(result).toEqual({
      ok: false,
      error: { code: "validation" },
      fieldErrors: {
        email: [{ key: "validation.email.plusAddressing" }],
        redirectUrl: [{ key: "validation.redirectUrl.httpsRequired" }],
      },
    });
    expect(tenant.received).toHaveLength(0);
  });

  it("requires an idempotency key", async () => {
    const result = await sendInvitation(await tenant.issuer.sign(), { values });
    expect(result).toMatchObject({ ok: false, error: { code: "validation" }, fieldErrors: { idempotencyKey: [expect.anything()] } });
  });
});

describe("searchPeople", () => {
  it("searches the directory with User.ReadBasic.All", async () => {
    tenant.answer({
      status: 200,
      body: { value: [{ id: "1", displayName: "Adele Vance", mail: "adele@contoso.com", userPrincipalName: "adele@contoso.com" }] },
    });
    const result = await searchPeople(await tenant.issuer.sign(), { query: "Ad" });
    expect(result).toEqual({
      ok: true,
      data: [{ id: "1", displayName: "Adele Vance", mail: "adele@contoso.com", userPrincipalName: "adele@contoso.com" }],
    });
    expect(tenant.oboScopes.at(-1)?.split(" ")).toContain("https://graph.microsoft.com/User.ReadBasic.All");
  });
});
