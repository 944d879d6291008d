import { describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, type FaultSpec } from "@/emulator/src/index";
import { getStore } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { shortGraphAttemptTimeout } from "@/test-support/graph-attempt-timeout";
import { sendInvitation } from "./actions";

// A single invitation whose answer Graph loses after acting: the portal never sends it twice, asks
// Graph what happened, records that, and gives the person a working link or the truth.

const local = setUpActionTests("invite-lost-answer");
// The act-then-delay answer comes long after this.
shortGraphAttemptTimeout();

let counter = 0;
const newAddress = () => `lost${++counter}.${Date.now()}@fabrikam.com`;

const send = async (email: string, idempotencyKey: string = crypto.randomUUID()) =>
  sendInvitation(await local.tokenFor("adele"), {
    values: {
      email,
      displayName: "Lost Answer",
      redirectUrl: "https://myapps.microsoft.com",
      userType: "Guest",
      sendInvitationMessage: true,
      messageLanguage: "",
      customMessage: "",
      ccRecipient: "",
      sponsors: [],
    },
    idempotencyKey,
  });

const invitationsTo = (email: string) =>
  local.tenant.invitations().filter((invitation) => invitation.invitedUserEmailAddress === email);

async function historyOf(email: string) {
  const { items } = await (await getStore()).listHistory({ limit: 50, kind: "single" });
  return items.filter((item) => item.guestEmail === email);
}

const ACTED_THEN_LOST: [string, Omit<FaultSpec, "path">][] = [
  ["a 504 after acting", { kind: "act-then-status", status: 504 }],
  ["a 503 after acting", { kind: "act-then-status", status: 503 }],
  ["a dropped connection after acting", { kind: "act-then-drop" }],
  ["an answer slower than the portal waits", { kind: "act-then-delay", delayMs: 12_000 }],
];

describe("a single invitation whose answer is lost", () => {
  it.each(ACTED_THEN_LOST)(
    "%s: one e-mail, the history says sent, and a working link from a silent re-invitation",
    async (_name, fault) => {
      local.tenant.injectFault({ path: "/v1.0/invitations", ...fault });
      const email = newAddress();
      const result = await send(email);

      expect(result).toMatchObject({ ok: true, data: { settled: true } });
      if (!result.ok) return;
      const made = invitationsTo(email);
      expect(made.filter((invitation) => invitation.sendInvitationMessage)).toHaveLength(1);
      expect(new Set(made.map((invitation) => invitation.userId)).size).toBe(1);
      expect(local.tenant.emailsSent({ to: email })).toHaveLength(1);
      // The link is the silent re-invitation's: the lost answer held the only other one.
      const silent = made.find((invitation) => !invitation.sendInvitationMessage);
      expect(result.data.redeemUrl).toBe(silent?.inviteRedeemUrl);
      expect((await fetch(result.data.redeemUrl)).status).toBe(200);
      expect(await historyOf(email)).toEqual([
        expect.objectContaining({
          outcome: "succeeded",
          errorCode: "outcome_recovered",
          guestUserId: made[0]!.userId,
          redeemUrl: result.data.redeemUrl,
        }),
      ]);
    },
  );

  it.each([
    ["a 503 before acting", { kind: "status", status: 503 }],
    ["a dropped connection before acting", { kind: "drop" }],
  ] as [string, Omit<FaultSpec, "path">][])(
    "%s: not sent, recorded as such, and safe to send again",
    async (_name, fault) => {
      local.tenant.injectFault({ path: "/v1.0/invitations", ...fault });
      const email = newAddress();
      const key = crypto.randomUUID();
      const result = await send(email, key);

      expect(result).toMatchObject({ ok: false, error: { code: "not_sent" } });
      expect(invitationsTo(email)).toHaveLength(0);
      expect(await historyOf(email)).toEqual([
        expect.objectContaining({ outcome: "failed", errorCode: "not_sent" }),
      ]);
      // The person tries again with the same submission: one invitation, one e-mail.
      expect(await send(email, key)).toMatchObject({ ok: true });
      expect(local.tenant.emailsSent({ to: email })).toHaveLength(1);
    },
  );

  it("cannot tell for a guest who already existed, and says so without sending again", async () => {
    const email = MINIMAL_GUESTS.pending.email;
    const emailsBefore = local.tenant.emailsSent({ to: email }).length;
    const postsBefore = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" });
    local.tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-status", status: 504 });

    const result = await send(email);

    expect(result).toMatchObject({ ok: false, error: { code: "outcome_unknown" } });
    const posts = local.tenant.requests({ pathPrefix: "/v1.0/invitations", method: "POST" });
    expect(posts.length - postsBefore.length).toBe(1);
    expect(local.tenant.emailsSent({ to: email }).length - emailsBefore).toBe(1);
    expect(await historyOf(email)).toContainEqual(
      expect.objectContaining({
        outcome: "failed",
        errorCode: "outcome_unknown",
        guestUserId: MINIMAL_GUESTS.pending.id,
      }),
    );
  });
});
