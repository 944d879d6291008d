import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { NewAttempt } from "./types";
import { invitationHistory } from "./schema";
import { StoreError } from "./store-error";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";

function invitation(overrides: Partial<NewAttempt> = {}): NewAttempt {
  return {
    kind: "single",
    idempotencyKey: crypto.randomUUID(),
    inviterOid: newInviterOid(),
    inviterName: "Megan Bowen",
    inviterUpn: "megan@contoso.onmicrosoft.com",
    guestEmail: "ada@fabrikam.example",
    guestDisplayName: "Ada Lovelace",
    userType: "Guest",
    redirectUrl: "https://myapps.microsoft.com",
    messageLanguage: "es-ES",
    customMessage: "Welcome",
    ccRecipient: "lead@contoso.example",
    sponsorIds: ["b1d5c2e0-0000-4000-8000-000000000001"],
    sendInvitationMessage: true,
    ...overrides,
  };
}

const success = {
  outcome: "succeeded" as const,
  invitationId: "inv-1",
  guestUserId: "guest-1",
  redeemUrl: "https://login.example/redeem?ticket=secret",
  status: "PendingAcceptance",
  requestId: "req-1",
};

describe.each(availableBackends())("idempotent attempts on $name", (backend) => {
  const { store, db } = setUpTestStore(backend);

  it("records every field of a new attempt as pending", async () => {
    const entry = invitation();
    const { state, attempt } = await store().beginAttempt(entry);
    expect(state).toBe("started");
    expect(attempt).toMatchObject({
      ...entry,
      outcome: "pending",
      attemptCount: 1,
      redeemUrl: null,
      errorCode: null,
    });
    expect(attempt.createdAt).toBeInstanceOf(Date);
    expect(await store().getAttempt(attempt.id)).toEqual(attempt);
  });

  it("keeps one row when the same key arrives twice, reporting the second as in progress", async () => {
    const entry = invitation();
    const first = await store().beginAttempt(entry);
    const second = await store().beginAttempt(entry);
    expect(second).toEqual({ state: "in_progress", attempt: first.attempt });
    const page = await store().listHistory({ inviterOid: entry.inviterOid, limit: 10 });
    expect(page.total).toBe(1);
  });

  it("lets exactly one of many simultaneous submissions start", async () => {
    const entry = invitation();
    const results = await Promise.all(Array.from({ length: 8 }, () => store().beginAttempt(entry)));
    expect(results.filter((result) => result.state === "started")).toHaveLength(1);
    expect(new Set(results.map((result) => result.attempt.id)).size).toBe(1);
  });

  it("returns the stored result once the attempt succeeded", async () => {
    const entry = invitation();
    const { attempt } = await store().beginAttempt(entry);
    const completed = await store().completeAttempt(attempt.id, success);
    const { status, ...stored } = success;
    expect(completed).toMatchObject({ ...stored, graphStatus: status });
    const again = await store().beginAttempt(entry);
    expect(again.state).toBe("succeeded");
    expect(again.attempt).toEqual(completed);
  });

  it("reuses the row of a failed attempt for a retry with the same key", async () => {
    const entry = invitation();
    const { attempt } = await store().beginAttempt(entry);
    const failed = await store().completeAttempt(attempt.id, {
      outcome: "failed",
      errorCode: "throttled",
      errorMessage: "Too many requests",
      requestId: "req-failed",
    });
    expect(failed).toMatchObject({ outcome: "failed", errorCode: "throttled" });

    const retry = await store().beginAttempt(entry);
    expect(retry.state).toBe("started");
    expect(retry.attempt).toMatchObject({
      id: attempt.id,
      outcome: "pending",
      attemptCount: 2,
      errorCode: null,
      errorMessage: null,
      requestId: null,
    });
    expect(retry.attempt.createdAt).toEqual(attempt.createdAt);
    await store().completeAttempt(attempt.id, success);
    const page = await store().listHistory({ inviterOid: entry.inviterOid, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ outcome: "succeeded", attemptCount: 2 });
  });

  it("lets only one of simultaneous retries of a failed attempt start", async () => {
    const entry = invitation();
    const { attempt } = await store().beginAttempt(entry);
    await store().completeAttempt(attempt.id, {
      outcome: "failed",
      errorCode: "graph_unreachable",
    });
    const results = await Promise.all(Array.from({ length: 6 }, () => store().beginAttempt(entry)));
    expect(results.filter((result) => result.state === "started")).toHaveLength(1);
    expect((await store().getAttempt(attempt.id))?.attemptCount).toBe(2);
  });

  it("takes over a pending attempt abandoned longer than the stale limit", async () => {
    const entry = invitation();
    const { attempt } = await store().beginAttempt(entry);
    await db().execute(
      sql`update ${invitationHistory} set updated_at = now() - interval '10 minutes' where id = ${attempt.id}`,
    );
    expect((await store().beginAttempt(entry, { staleAfterMs: 15 * 60_000 })).state).toBe(
      "in_progress",
    );
    const takeover = await store().beginAttempt(entry, { staleAfterMs: 5 * 60_000 });
    expect(takeover).toMatchObject({
      state: "started",
      attempt: { id: attempt.id, attemptCount: 2 },
    });
  });

  it("scopes keys to the inviter", async () => {
    const idempotencyKey = crypto.randomUUID();
    const mine = await store().beginAttempt(invitation({ idempotencyKey }));
    const theirs = await store().beginAttempt(invitation({ idempotencyKey }));
    expect(theirs.state).toBe("started");
    expect(theirs.attempt.id).not.toBe(mine.attempt.id);
  });

  it("always starts a new row when there is no key", async () => {
    const entry = invitation({ idempotencyKey: undefined, kind: "resend", guestUserId: "guest-9" });
    const first = await store().beginAttempt(entry);
    const second = await store().beginAttempt(entry);
    expect([first.state, second.state]).toEqual(["started", "started"]);
    expect(second.attempt.id).not.toBe(first.attempt.id);
  });

  it("completes an attempt once only", async () => {
    const { attempt } = await store().beginAttempt(invitation());
    expect(await store().completeAttempt(attempt.id, success)).toBeDefined();
    expect(await store().completeAttempt(attempt.id, { outcome: "failed" })).toBeUndefined();
    expect((await store().getAttempt(attempt.id))?.outcome).toBe("succeeded");
  });

  it("keeps a guest user id known before the call when Graph's answer has none", async () => {
    const { attempt } = await store().beginAttempt(
      invitation({ kind: "resend", guestUserId: "guest-7" }),
    );
    const completed = await store().completeAttempt(attempt.id, {
      outcome: "failed",
      errorCode: "graph_error",
    });
    expect(completed?.guestUserId).toBe("guest-7");
  });

  it("treats unknown and malformed ids as absent", async () => {
    expect(await store().getAttempt(crypto.randomUUID())).toBeUndefined();
    expect(await store().getAttempt("not-a-uuid")).toBeUndefined();
    expect(await store().completeAttempt("not-a-uuid", success)).toBeUndefined();
  });

  it("reports database errors without the row's contents", async () => {
    const entry = invitation({ kind: "bogus" as never, customMessage: "secret-message" });
    const error = await store()
      .beginAttempt(entry)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).sqlState).toBe("23514");
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
    expect(text).not.toMatch(/secret-message|fabrikam/);
  });

  describe("a key bound to its request", () => {
    const mismatch = { code: "idempotency_mismatch" };

    it("refuses the key with another request, whatever became of the first", async () => {
      for (const outcome of ["succeeded", "failed", "pending"] as const) {
        const first = invitation({ requestHash: "a".repeat(64) });
        const { attempt } = await store().beginAttempt(first);
        if (outcome !== "pending")
          await store().completeAttempt(attempt.id, { ...success, outcome });
        const other = { ...first, guestEmail: "eve@fabrikam.example", requestHash: "b".repeat(64) };
        await expect(store().beginAttempt(other)).rejects.toMatchObject(mismatch);
        const stored = await store().getAttempt(attempt.id);
        expect(stored).toMatchObject({ guestEmail: "ada@fabrikam.example", attemptCount: 1 });
      }
    });

    it("answers the same request again as before", async () => {
      const entry = invitation({ requestHash: "c".repeat(64) });
      const { attempt } = await store().beginAttempt(entry);
      await store().completeAttempt(attempt.id, success);
      expect(await store().beginAttempt(entry)).toMatchObject({
        state: "succeeded",
        attempt: { redeemUrl: success.redeemUrl },
      });
    });

    it("takes a row recorded before hashes existed as the same request", async () => {
      const legacy = invitation();
      const { attempt } = await store().beginAttempt(legacy);
      await store().completeAttempt(attempt.id, { outcome: "failed", errorCode: "graph_error" });
      const again = await store().beginAttempt({ ...legacy, requestHash: "d".repeat(64) });
      expect(again).toMatchObject({ state: "started", attempt: { attemptCount: 2 } });
      expect(again.attempt.requestHash).toBe("d".repeat(64));
    });
  });
});
