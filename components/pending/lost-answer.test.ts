import { afterEach, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, type FaultSpec } from "@/emulator/src/index";
import { getStore, type InvitationKind } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { shortGraphAttemptTimeout } from "@/test-support/graph-attempt-timeout";
import { inviteThroughAction } from "@/test-support/invited-guest";
import { regenerateRedeemLink, resendInvitation, resetGuestRedemption } from "./actions";
import { resetUntilApplied } from "./reset-until-applied";

// The pending page's sends (regenerate, resend, reset) when Graph loses the answer after acting, and
// a reset to an address Entra has not applied yet.

const local = setUpActionTests("pending-lost-answer");
// The act-then-delay answer comes long after this.
shortGraphAttemptTimeout();
afterEach(() => local.tenant.updateSettings({ otherMailsReplicationDelayMs: 0 }));

const ACTED_THEN_LOST: [string, Omit<FaultSpec, "path">][] = [
  ["a 504 after acting", { kind: "act-then-status", status: 504 }],
  ["a dropped connection after acting", { kind: "act-then-drop" }],
  ["an answer slower than the portal waits", { kind: "act-then-delay", delayMs: 12_000 }],
];
const loseNextAnswer = (fault: Omit<FaultSpec, "path">) =>
  local.tenant.injectFault({ path: "/v1.0/invitations", ...fault });
const newKey = () => crypto.randomUUID();
const posts = () =>
  local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" }).length;

async function latest(kind: InvitationKind) {
  return (await (await getStore()).listHistory({ limit: 1, kind })).items[0];
}

/** A guest who accepted: invited silently through the portal, then redeemed at the local tenant. */
async function acceptedGuest() {
  const guest = await inviteThroughAction(await local.tokenFor("adele"), "accepted");
  const rd = new URL(guest.redeemUrl).searchParams.get("rd");
  const accepted = await fetch(`${local.tenant.url}/redeem`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ rd: rd ?? "" }).toString(),
  });
  expect(accepted.status).toBe(302);
  return guest;
}

describe("a regenerated link whose answer is lost", () => {
  it.each(ACTED_THEN_LOST)(
    "%s: asked again silently, no e-mail, a working link",
    async (_, fault) => {
      const guest = await inviteThroughAction(await local.tokenFor("adele"), "regen");
      loseNextAnswer(fault);
      const result = await regenerateRedeemLink(await local.tokenFor("adele"), {
        guestUserId: guest.guestUserId,
        idempotencyKey: newKey(),
      });
      expect(result).toMatchObject({ ok: true, data: { status: "ok" } });
      if (!result.ok || result.data.status !== "ok") return;
      expect(local.tenant.emailsSent({ to: guest.email })).toHaveLength(0);
      expect((await fetch(result.data.redeemUrl)).status).toBe(200);
      expect(await latest("regenerate_link")).toMatchObject({
        outcome: "succeeded",
        guestUserId: guest.guestUserId,
        redeemUrl: result.data.redeemUrl,
      });
    },
  );
});

describe("a resend whose answer is lost", () => {
  it("cannot be told from the directory: outcome_unknown, one e-mail, never sent twice", async () => {
    const guest = await inviteThroughAction(await local.tokenFor("isaiah"), "resend-lost");
    const before = posts();
    loseNextAnswer({ kind: "act-then-status", status: 504 });
    const result = await resendInvitation(await local.tokenFor("isaiah"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "outcome_unknown" } });
    expect(posts() - before).toBe(1);
    expect(local.tenant.emailsSent({ to: guest.email })).toHaveLength(1);
    expect(await latest("resend")).toMatchObject({
      outcome: "failed",
      errorCode: "outcome_unknown",
      guestUserId: guest.guestUserId,
    });
  });
});

describe("a reset whose answer is lost", () => {
  it.each(ACTED_THEN_LOST)(
    "%s: settled as sent from the guest's state, one e-mail, a working silent link",
    async (_, fault) => {
      const guest = await acceptedGuest();
      loseNextAnswer(fault);
      const result = await resetGuestRedemption(await local.tokenFor("lee"), {
        guestUserId: guest.guestUserId,
        idempotencyKey: newKey(),
        sendInvitationMessage: true,
      });
      expect(result).toMatchObject({ ok: true, data: { status: "ok", settled: true } });
      if (!result.ok || result.data.status !== "ok") return;
      const resets = local.tenant
        .invitations()
        .filter(
          (invitation) => invitation.userId === guest.guestUserId && invitation.resetRedemption,
        );
      expect(resets).toHaveLength(1);
      expect(local.tenant.emailsSent({ to: guest.email })).toHaveLength(1);
      expect((await fetch(result.data.redeemUrl)).status).toBe(200);
      expect(await latest("reset_redemption")).toMatchObject({
        outcome: "succeeded",
        errorCode: "outcome_recovered",
        redeemUrl: result.data.redeemUrl,
      });
    },
  );

  it("lost before acting on an accepted guest: not sent, and the guest is still accepted", async () => {
    const guest = await acceptedGuest();
    loseNextAnswer({ kind: "status", status: 504 });
    const result = await resetGuestRedemption(await local.tokenFor("lee"), {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
      sendInvitationMessage: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_sent" } });
    expect(local.tenant.user(guest.guestUserId)?.externalUserState).toBe("Accepted");
    expect(local.tenant.emailsSent({ to: guest.email })).toHaveLength(0);
  });

  it("of a guest already pending: the directory cannot tell, so outcome_unknown", async () => {
    loseNextAnswer({ kind: "act-then-status", status: 504 });
    const result = await resetGuestRedemption(await local.tokenFor("lee"), {
      guestUserId: MINIMAL_GUESTS.pending.id,
      idempotencyKey: newKey(),
      sendInvitationMessage: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "outcome_unknown" } });
    expect(await latest("reset_redemption")).toMatchObject({
      outcome: "failed",
      errorCode: "outcome_unknown",
    });
  });
});

describe("a reset to an address the portal has just added", () => {
  async function resetToNewAddress(boundMs: number) {
    const guest = await inviteThroughAction(await local.tokenFor("adele"), "replica");
    const newEmail = `moved.${Date.now()}@northwind.example`;
    const token = await local.tokenFor("lee");
    const input = {
      guestUserId: guest.guestUserId,
      idempotencyKey: newKey(),
      newEmail,
      addEmailToUser: true,
      sendInvitationMessage: false,
    };
    let waits = 0;
    const outcome = await resetUntilApplied(() => resetGuestRedemption(token, input), {
      boundMs,
      onWaiting: () => (waits += 1),
    });
    return { outcome, waits, newEmail };
  }

  it("waits while Entra applies it, then resets", async () => {
    local.tenant.updateSettings({ otherMailsReplicationDelayMs: 2_500 });
    const { outcome, waits, newEmail } = await resetToNewAddress(30_000);
    expect(waits).toBeGreaterThan(0);
    expect(outcome).toMatchObject({
      ok: true,
      data: { status: "ok", email: newEmail, addedEmail: true },
    });
    expect(await latest("reset_redemption")).toMatchObject({ outcome: "succeeded" });
  });

  it("stops after the bound and says the address is not applied yet", async () => {
    local.tenant.updateSettings({ otherMailsReplicationDelayMs: 600_000 });
    const { outcome, waits, newEmail } = await resetToNewAddress(1_500);
    expect(waits).toBeGreaterThan(0);
    expect(outcome).toEqual({
      ok: true,
      data: { status: "awaiting_replication", email: newEmail, addedEmail: true },
    });
    local.tenant.settleReplication();
  });
});
