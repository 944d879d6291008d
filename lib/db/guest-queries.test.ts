import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";

describe.each(availableBackends())("guest queries on $name", (backend) => {
  const { store, record } = setUpTestStore(backend);

  describe("latestRedeemUrlForGuest", () => {
    it("returns the newest succeeded link, optionally only among one inviter's", async () => {
      const guestUserId = randomUUID();
      const lead = newInviterOid();
      const helpdesk = newInviterOid();
      await record(
        { inviterOid: lead },
        { outcome: "succeeded", guestUserId, redeemUrl: "https://r/lead-old" },
        "2025-05-01T00:00:00Z",
      );
      await record(
        { inviterOid: lead },
        { outcome: "succeeded", guestUserId, redeemUrl: "https://r/lead-new" },
        "2025-05-02T00:00:00Z",
      );
      await record(
        { inviterOid: helpdesk, kind: "reset_redemption" },
        { outcome: "succeeded", guestUserId, redeemUrl: "https://r/helpdesk" },
        "2025-05-03T00:00:00Z",
      );
      await record(
        { inviterOid: lead, guestUserId },
        { outcome: "failed", errorCode: "graph_error" },
        "2025-05-04T00:00:00Z",
      );
      await record({ inviterOid: lead, guestUserId }, undefined, "2025-05-05T00:00:00Z");

      expect(await store().latestRedeemUrlForGuest(guestUserId)).toMatchObject({
        redeemUrl: "https://r/helpdesk",
        inviterOid: helpdesk,
        sentAt: new Date("2025-05-03T00:00:00Z"),
      });
      expect(
        await store().latestRedeemUrlForGuest(guestUserId, { inviterOid: lead }),
      ).toMatchObject({
        redeemUrl: "https://r/lead-new",
      });
      expect(
        await store().latestRedeemUrlForGuest(guestUserId, { inviterOid: newInviterOid() }),
      ).toBeUndefined();
      expect(await store().latestRedeemUrlForGuest(randomUUID())).toBeUndefined();
    });

    it("counts a retried attempt by when its link was issued, not when it was first tried", async () => {
      const guestUserId = randomUUID();
      const inviterOid = newInviterOid();
      const entry = { inviterOid, idempotencyKey: randomUUID(), guestUserId };
      const retried = await record(entry, { outcome: "failed" }, "2025-06-01T00:00:00Z");
      await record(
        { inviterOid },
        { outcome: "succeeded", guestUserId, redeemUrl: "https://r/between" },
        "2025-06-02T00:00:00Z",
      );
      await store().beginAttempt({ ...retried, ...entry, sponsorIds: retried.sponsorIds });
      await store().completeAttempt(retried.id, {
        outcome: "succeeded",
        redeemUrl: "https://r/retried",
      });
      expect((await store().latestRedeemUrlForGuest(guestUserId))?.redeemUrl).toBe(
        "https://r/retried",
      );
    });
  });

  describe("inviterForGuests", () => {
    it("names who last invited each guest successfully", async () => {
      const [ada, grace, unknown] = [randomUUID(), randomUUID(), randomUUID()];
      const lead = newInviterOid();
      const other = newInviterOid();
      await record(
        { inviterOid: other, inviterName: "Other", inviterUpn: "other@contoso.example" },
        { outcome: "succeeded", guestUserId: ada },
        "2025-07-01T00:00:00Z",
      );
      await record(
        { inviterOid: lead, inviterName: "Lead", inviterUpn: "lead@contoso.example" },
        { outcome: "succeeded", guestUserId: ada },
        "2025-07-02T00:00:00Z",
      );
      await record(
        { inviterOid: other, guestUserId: ada },
        { outcome: "failed" },
        "2025-07-03T00:00:00Z",
      );
      await record(
        { inviterOid: other, kind: "bulk" },
        { outcome: "succeeded", guestUserId: grace },
        "2025-07-01T00:00:00Z",
      );

      const inviters = await store().inviterForGuests([ada, grace, unknown, ada]);
      expect([...inviters.keys()].sort()).toEqual([ada, grace].sort());
      expect(inviters.get(ada)).toEqual({
        oid: lead,
        name: "Lead",
        upn: "lead@contoso.example",
        kind: "single",
        invitedAt: new Date("2025-07-02T00:00:00Z"),
      });
      expect(inviters.get(grace)).toMatchObject({ oid: other, kind: "bulk" });
    });

    it("answers an empty list without a query", async () => {
      expect((await store().inviterForGuests([])).size).toBe(0);
    });
  });
});
