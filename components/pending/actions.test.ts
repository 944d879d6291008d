import { describe, expect, it } from "vitest";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { MINIMAL_GUESTS, PEOPLE } from "@/emulator/src/index";
import { sendInvitation } from "@/components/invite/actions";
import {
  getPendingCapabilities,
  getRedeemLink,
  listPendingInvitations,
  regenerateRedeemLink,
  resendInvitation,
  resetGuestRedemption,
  type PendingInvitationsPage,
} from "./actions";

// The pending-page actions end to end on the server: the local tenant in process and a throw-away PGlite.

const local = setUpActionTests("pending-actions");

const tokenFor = local.tokenFor;
const newKey = () => crypto.randomUUID();
let counter = 0;

async function invite(user: string, prefix = "pend") {
  counter += 1;
  const email = `${prefix}${counter}.${Date.now()}@fabrikam.com`;
  const result = await sendInvitation(await tokenFor(user), {
    values: {
      email,
      displayName: `${prefix} ${counter}`,
      redirectUrl: "https://myapps.microsoft.com",
      userType: "Guest",
      sendInvitationMessage: false,
      messageLanguage: "",
      customMessage: "",
      ccRecipient: "",
      sponsors: [],
    },
    idempotencyKey: newKey(),
  });
  if (!result.ok) throw new Error(`invite failed: ${result.error.code}`);
  return { email, ...result.data };
}

async function list(user: string, input: Record<string, unknown> = {}) {
  const result = await listPendingInvitations(await tokenFor(user), input);
  if (!result.ok) throw new Error(`list failed: ${JSON.stringify(result)}`);
  return result.data;
}

describe("listPendingInvitations", () => {
  it("lists pending guests only, with inviter from the history or the sponsor", async () => {
    const guest = await invite("adele");
    const page = await list("adele", { pageSize: 100 });
    const ids = page.rows.map((row) => row.id);
    expect(ids).toContain(MINIMAL_GUESTS.pending.id);
    expect(ids).not.toContain(MINIMAL_GUESTS.accepted.id);
    expect(page.rows.find((row) => row.id === guest.guestUserId)).toMatchObject({
      mail: guest.email,
      invitedBy: { name: "Adele Vance", source: "history", byMe: true },
      linkAvailable: true,
    });
    expect(page.rows.find((row) => row.id === MINIMAL_GUESTS.pending.id)).toMatchObject({
      invitedBy: { name: "Adele Vance", source: "sponsor", byMe: true },
      linkAvailable: false,
    });
    expect(page.capabilities).toEqual({ canReset: false, seesAllLinks: false });
    expect((await list("lee")).capabilities).toEqual({ canReset: true, seesAllLinks: true });
    // Rows never carry redeem links.
    expect(JSON.stringify(page)).not.toContain("redeem");
  });

  it("asks Graph for one page with User.Read.All, and follows the signed cursor page by page", async () => {
    local.tenant.seedGuests({
      count: 60,
      displayNamePrefix: "Paging Guest",
      externalUserState: "PendingAcceptance",
    });
    const before = local.tenant.requests({ pathPrefix: "/v1.0/users" }).length;
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: PendingInvitationsPage = await list("isaiah", { pageSize: 25, cursor });
      expect(page.rows.length).toBeLessThanOrEqual(25);
      for (const row of page.rows) seen.add(row.id);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.size).toBeGreaterThanOrEqual(61);
    expect(local.tenant.requests({ pathPrefix: "/v1.0/users" }).length - before).toBe(pages);
    const [exchange] = local.tenant
      .requests({ pathPrefix: `/${local.tenant.tenantId}/oauth2/v2.0/token` })
      .slice(-1);
    expect(String((exchange?.body as { scope?: string }).scope)).toContain("User.Read.All");
  });

  it("refuses a cursor that was tampered with, or made for someone else or another query", async () => {
    const first = await list("adele", { pageSize: 25 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const cursor = first.nextCursor as string;
    const tampered = `${cursor.slice(0, -2)}AA`;
    for (const [user, input] of [
      ["adele", { pageSize: 25, cursor: tampered }],
      ["isaiah", { pageSize: 25, cursor }],
      ["adele", { pageSize: 50, cursor }],
    ] as const) {
      expect(await listPendingInvitations(await tokenFor(user), input)).toMatchObject({
        ok: false,
        error: { code: "validation" },
      });
    }
  });

  it("searches by name or e-mail prefix on the server", async () => {
    const guest = await invite("adele", "zebrafish");
    const byMail = await list("adele", { search: guest.email.slice(0, 12) });
    expect(byMail.rows.map((row) => row.id)).toEqual([guest.guestUserId]);
    const byName = await list("adele", { search: "Pending G" });
    expect(byName.rows.map((row) => row.id)).toEqual([MINIMAL_GUESTS.pending.id]);
    const filter = local.tenant.requests({ pathPrefix: "/v1.0/users" }).at(-1)?.query.$filter;
    expect(String(filter)).toContain("startswith(displayName,'Pending G')");
  });

  it("sorts newest first as an advanced query (ConsistencyLevel eventual, $count)", async () => {
    const guest = await invite("adele", "newest");
    const page = await list("adele", { order: "newest", pageSize: 25 });
    // Graph's times are to the second, so guests invited in the same second tie.
    const times = page.rows.map((row) => row.createdDateTime ?? "");
    expect(times).toEqual([...times].sort().reverse());
    expect(page.rows.map((row) => row.id)).toContain(guest.guestUserId);
    expect(page.count).toEqual(expect.any(Number));
    const request = local.tenant.requests({ pathPrefix: "/v1.0/users" }).at(-1);
    expect(request?.headers.consistencylevel).toBe("eventual");
    expect(request?.query.$count).toBe("true");
  });

  it("filters to the guests the caller invited, from the history", async () => {
    const mine = await invite("megan", "megans");
    const page = await list("megan", { invitedByMe: true });
    expect(page.rows.map((row) => row.id)).toEqual([mine.guestUserId]);
    expect(page.nextCursor).toBeNull();
  });
});

describe("who sees which redeem links", () => {
  it("gives the inviter and helpdesk the link, and nobody else", async () => {
    const guest = await invite("adele", "links");
    const link = async (user: string) =>
      getRedeemLink(await tokenFor(user), { guestUserId: guest.guestUserId });
    expect(await link("adele")).toEqual({ ok: true, data: { redeemUrl: guest.redeemUrl } });
    expect(await link("lee")).toEqual({ ok: true, data: { redeemUrl: guest.redeemUrl } });
    expect(await link("isaiah")).toEqual({ ok: true, data: { redeemUrl: null } });
    const rowFor = async (user: string) =>
      (await list(user, { search: guest.email })).rows.find((row) => row.id === guest.guestUserId);
    expect((await rowFor("isaiah"))?.linkAvailable).toBe(false);
    expect((await rowFor("lee"))?.linkAvailable).toBe(true);
  });

  it("reports capabilities from the validated token", async () => {
    expect(await getPendingCapabilities(await tokenFor("adele"), {})).toEqual({
      ok: true,
      data: { canReset: false, seesAllLinks: false },
    });
    expect(await getPendingCapabilities(await tokenFor("lee"), {})).toEqual({
      ok: true,
      data: { canReset: true, seesAllLinks: true },
    });
    expect(await getPendingCapabilities("", {})).toMatchObject({ ok: false });
  });
});

describe("regenerateRedeemLink and resendInvitation", () => {
  it("gets a new link silently for a guest the portal never invited, and records it", async () => {
    const key = newKey();
    const result = await regenerateRedeemLink(await tokenFor("adele"), {
      guestUserId: MINIMAL_GUESTS.pending.id,
      idempotencyKey: key,
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        status: "ok",
        email: MINIMAL_GUESTS.pending.email,
        redeemUrl: expect.stringContaining("redeem"),
      },
    });
    if (!result.ok || result.data.status !== "ok") return;
    const { redeemUrl } = result.data;
    const made = local.tenant
      .invitations()
      .find((invitation) => invitation.inviteRedeemUrl === redeemUrl);
    expect(made).toMatchObject({ sendInvitationMessage: false, userId: MINIMAL_GUESTS.pending.id });
    const [recorded] = (await (await getStore()).listHistory({ limit: 1, kind: "regenerate_link" }))
      .items;
    expect(recorded).toMatchObject({
      outcome: "succeeded",
      inviterOid: PEOPLE.adele.id,
      guestUserId: MINIMAL_GUESTS.pending.id,
      sendInvitationMessage: false,
    });
    expect(
      await getRedeemLink(await tokenFor("adele"), { guestUserId: MINIMAL_GUESTS.pending.id }),
    ).toEqual({
      ok: true,
      data: { redeemUrl },
    });
    // The same key again answers from the history without a second invitation.
    const posts = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;
    await regenerateRedeemLink(await tokenFor("adele"), {
      guestUserId: MINIMAL_GUESTS.pending.id,
      idempotencyKey: key,
    });
    expect(local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length).toBe(
      posts,
    );
  });

  it("resends with the e-mail and records it; refuses guests who already accepted", async () => {
    const guest = await invite("isaiah", "resend");
    const result = await resendInvitation(await tokenFor("isaiah"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
    });
    expect(result).toMatchObject({ ok: true, data: { status: "ok", email: guest.email } });
    expect(
      local.tenant
        .invitations()
        .find(
          (invitation) =>
            invitation.invitedUserEmailAddress === guest.email && invitation.sendInvitationMessage,
        ),
    ).toBeDefined();
    const [recorded] = (await (await getStore()).listHistory({ limit: 1, kind: "resend" })).items;
    expect(recorded).toMatchObject({
      outcome: "succeeded",
      guestUserId: guest.guestUserId,
      sendInvitationMessage: true,
    });

    expect(
      await resendInvitation(await tokenFor("isaiah"), {
        guestUserId: MINIMAL_GUESTS.accepted.id,
        idempotencyKey: newKey(),
      }),
    ).toEqual({ ok: true, data: { status: "not_pending" } });
  });

  it("records a regenerate the identity platform refused with that code, session_expired", async () => {
    const token = await tokenFor("nestor");
    // The list caches this token's User.Read.All exchange, so reading the guest still works after
    // the revocation; the invitation needs a new exchange (User.Invite.All), which is refused.
    expect(await listPendingInvitations(token, {})).toMatchObject({ ok: true });
    local.tenant.revokeSessions("nestor");
    const posts = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;
    const key = newKey();
    expect(
      await regenerateRedeemLink(token, {
        guestUserId: MINIMAL_GUESTS.pending.id,
        idempotencyKey: key,
      }),
    ).toEqual({ ok: false, error: { code: "session_expired" } });
    expect(local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length).toBe(
      posts,
    );
    const recorded = (
      await (await getStore()).listHistory({ limit: 5, inviterOid: PEOPLE.nestor.id })
    ).items.find((item) => item.idempotencyKey === key);
    expect(recorded).toMatchObject({
      kind: "regenerate_link",
      outcome: "failed",
      errorCode: "session_expired",
      guestUserId: MINIMAL_GUESTS.pending.id,
    });
  });

  it("validates its input", async () => {
    expect(
      await regenerateRedeemLink(await tokenFor("adele"), {
        guestUserId: "x'; drop",
        idempotencyKey: "k",
      }),
    ).toMatchObject({ ok: false, error: { code: "validation" } });
  });
});

describe("resetGuestRedemption", () => {
  it("refuses a team lead before any Graph call", async () => {
    const before = local.tenant.requests().length;
    expect(
      await resetGuestRedemption(await tokenFor("adele"), {
        guestUserId: MINIMAL_GUESTS.accepted.id,
        idempotencyKey: newKey(),
      }),
    ).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(local.tenant.requests().length).toBe(before);
  });

  it("resets as helpdesk with the address on the user, and records it", async () => {
    const result = await resetGuestRedemption(await tokenFor("lee"), {
      guestUserId: MINIMAL_GUESTS.accepted.id,
      idempotencyKey: newKey(),
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        status: "ok",
        email: MINIMAL_GUESTS.accepted.email,
        addedEmail: false,
        redeemUrl: expect.stringContaining("redeem"),
      },
    });
    expect(local.tenant.user(MINIMAL_GUESTS.accepted.id)?.externalUserState).toBe(
      "PendingAcceptance",
    );
    const [recorded] = (
      await (await getStore()).listHistory({ limit: 1, kind: "reset_redemption" })
    ).items;
    expect(recorded).toMatchObject({
      outcome: "succeeded",
      inviterOid: PEOPLE.lee.id,
      guestUserId: MINIMAL_GUESTS.accepted.id,
    });
  });

  it("reports email_mismatch for a new address not on the user, then succeeds after adding it", async () => {
    const guest = await invite("adele", "reset");
    const newEmail = `moved${Date.now()}@northwind.example`;
    const mismatch = await resetGuestRedemption(await tokenFor("lee"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
      newEmail,
    });
    expect(mismatch).toMatchObject({ ok: false, error: { code: "email_mismatch" } });
    const [failed] = (await (await getStore()).listHistory({ limit: 1, kind: "reset_redemption" }))
      .items;
    expect(failed).toMatchObject({
      outcome: "failed",
      errorCode: "email_mismatch",
      guestEmail: newEmail,
    });

    const reset = await resetGuestRedemption(await tokenFor("lee"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
      newEmail,
      addEmailToUser: true,
    });
    expect(reset).toMatchObject({
      ok: true,
      data: { status: "ok", email: newEmail, addedEmail: true },
    });
    expect(local.tenant.user(guest.guestUserId)?.otherMails).toContain(newEmail);
    // The team lead who invited the guest no longer gets the old link: only the reset one works.
    expect(
      await getRedeemLink(await tokenFor("adele"), { guestUserId: guest.guestUserId }),
    ).toEqual({
      ok: true,
      data: { redeemUrl: null },
    });
  });

  it("checks a new address with the invitation form's rules", async () => {
    expect(
      await resetGuestRedemption(await tokenFor("lee"), {
        guestUserId: MINIMAL_GUESTS.accepted.id,
        idempotencyKey: newKey(),
        newEmail: "a+b@example.com",
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation" },
      fieldErrors: { newEmail: [{ key: "validation.email.plusAddressing" }] },
    });
  });
});
