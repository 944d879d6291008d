import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";

describe.each(availableBackends())("guest changes on $name", (backend) => {
  const { store } = setUpTestStore(backend);

  const membership = (actorOid: string, historyId?: string) => ({
    kind: "group_member_add" as const,
    actorOid,
    actorName: "Megan Bowen",
    guestUserId: randomUUID(),
    guestEmail: "partner@fabrikam.com",
    targetId: randomUUID(),
    targetName: "Project Falcon",
    historyId,
  });

  it("records a change pending, completes it once, and a completed change stays as it is", async () => {
    const changes = store().changes;
    const begun = await changes.begin(membership(newInviterOid()));
    expect(begun).toMatchObject({ outcome: "pending", attemptCount: 1, kind: "group_member_add" });
    const done = await changes.complete(begun.id, { outcome: "succeeded", requestId: "r-1" });
    expect(done).toMatchObject({ outcome: "succeeded", requestId: "r-1" });
    expect(await changes.complete(begun.id, { outcome: "failed" })).toBeUndefined();
    expect((await changes.get(begun.id))?.outcome).toBe("succeeded");
  });

  it("retries only a failed (or abandoned) change, once at a time, under the retrying person", async () => {
    const changes = store().changes;
    const actor = newInviterOid();
    const begun = await changes.begin(membership(actor));
    expect(await changes.retry(begun.id, { oid: actor })).toBeUndefined();
    await changes.complete(begun.id, {
      outcome: "failed",
      errorCode: "forbidden",
      errorMessage: "Insufficient privileges to complete the operation.",
    });
    const helper = newInviterOid();
    const [first, second] = await Promise.all([
      changes.retry(begun.id, { oid: helper, name: "Helpdesk" }),
      changes.retry(begun.id, { oid: helper, name: "Helpdesk" }),
    ]);
    const won = [first, second].filter((claimed) => claimed !== undefined);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({
      outcome: "pending",
      attemptCount: 2,
      actorOid: helper,
      errorCode: null,
    });
    expect(await changes.retry(begun.id, { oid: helper }, { staleAfterMs: 0 })).toMatchObject({
      attemptCount: 3,
    });
    expect(await changes.retry("not-a-uuid", { oid: helper })).toBeUndefined();
  });

  it("lists newest first by invitation, person and kind, page after page", async () => {
    const changes = store().changes;
    const actor = newInviterOid();
    const historyId = randomUUID();
    const made = [];
    for (let index = 0; index < 5; index += 1)
      made.push(await changes.begin(membership(actor, index < 3 ? historyId : undefined)));
    await changes.begin({ ...membership(actor), kind: "guest_delete", targetId: null });

    const withInvitation = await changes.list({ limit: 10, historyIds: [historyId] });
    expect(withInvitation.map((change) => change.id).sort()).toEqual(
      made
        .slice(0, 3)
        .map((change) => change.id)
        .sort(),
    );
    const memberships = await changes.list({
      limit: 10,
      actorOid: actor,
      kinds: ["group_member_add"],
    });
    expect(memberships).toHaveLength(5);
    const firstPage = await changes.list({ limit: 4, actorOid: actor });
    const last = firstPage.at(-1)!;
    const secondPage = await changes.list({
      limit: 4,
      actorOid: actor,
      after: { createdAt: last.createdAt, id: last.id },
    });
    expect(firstPage).toHaveLength(4);
    expect(secondPage).toHaveLength(2);
    expect(new Set([...firstPage, ...secondPage].map((change) => change.id)).size).toBe(6);
    expect(await changes.list({ limit: 10, historyIds: ["nope"] })).toEqual([]);
  });
});
