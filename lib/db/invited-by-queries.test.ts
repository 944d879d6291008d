import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";

describe.each(availableBackends())("guestsInvitedBy and historyInviters on $name", (backend) => {
  const { store, record } = setUpTestStore(backend);

  it("lists each guest once, by the latest successful invitation, one page at a time", async () => {
    const me = newInviterOid();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await record(
      { inviterOid: me },
      { outcome: "succeeded", guestUserId: a },
      "2025-01-01T00:00:00Z",
    );
    await record(
      { inviterOid: me },
      { outcome: "succeeded", guestUserId: b },
      "2025-01-02T00:00:00Z",
    );
    await record(
      { inviterOid: me },
      { outcome: "succeeded", guestUserId: a },
      "2025-01-03T00:00:00Z",
    );
    await record({ inviterOid: me }, { outcome: "failed", guestUserId: c }, "2025-01-04T00:00:00Z");
    await record(
      { inviterOid: newInviterOid() },
      { outcome: "succeeded", guestUserId: c },
      "2025-01-05T00:00:00Z",
    );

    expect(await store().guestsInvitedBy(me, { limit: 10, offset: 0 })).toEqual([a, b]);
    expect(await store().guestsInvitedBy(me, { limit: 1, offset: 1 })).toEqual([b]);
    expect(await store().guestsInvitedBy(me, { limit: 10, offset: 0, oldestFirst: true })).toEqual([
      b,
      a,
    ]);
    expect(await store().guestsInvitedBy(me, { limit: 10, offset: 2 })).toEqual([]);
  });

  it("lists every inviter once with name and UPN", async () => {
    const oid = newInviterOid();
    await record(
      { inviterOid: oid, inviterName: "Zed Example", inviterUpn: "zed@example.com" },
      { outcome: "succeeded" },
      "2025-02-01T00:00:00Z",
    );
    await record(
      { inviterOid: oid, inviterName: "Zed Example", inviterUpn: "zed@example.com" },
      { outcome: "failed" },
      "2025-02-02T00:00:00Z",
    );
    const inviters = await store().historyInviters();
    expect(inviters.filter((inviter) => inviter.oid === oid)).toEqual([
      { oid, name: "Zed Example", upn: "zed@example.com" },
    ]);
  });
});
