import { beforeAll, describe, expect, it } from "vitest";
import { PEOPLE } from "@/emulator/src/index";
import { getStore } from "@/lib/db";
import { encodeCursor } from "@/lib/db/history-cursor";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { listHistoryEntries } from "./actions";

// The history's page cursor travels through the browser: it is signed and bound to the person and filter.

const local = setUpActionTests("history-cursor");
beforeAll(async () => {
  const store = await getStore();
  for (let index = 0; index < 30; index += 1) {
    await store.beginAttempt({
      kind: "single",
      inviterOid: PEOPLE.isaiah.id,
      guestEmail: `guest${index}@fabrikam.com`,
      userType: "Guest",
      redirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: false,
    });
  }
});

async function firstCursor(token: string, input: Record<string, unknown> = {}): Promise<string> {
  const first = await listHistoryEntries(token, { pageSize: 25, ...input });
  if (!first.ok || !first.data.nextCursor) throw new Error(JSON.stringify(first));
  return first.data.nextCursor;
}

describe("the history cursor", () => {
  it("reads the next page with the cursor it handed out", async () => {
    const token = await local.tokenFor("isaiah");
    const next = await listHistoryEntries(token, { cursor: await firstCursor(token) });
    expect(next).toMatchObject({ ok: true, data: { total: 30, nextCursor: null } });
    expect(next.ok && next.data.rows).toHaveLength(5);
  });

  it.each([
    ["garbage", "%%%.%%%"],
    ["an unsigned position", encodeCursor({ createdAt: new Date(), id: crypto.randomUUID() })],
    ["a NUL", "\u0000"],
  ])("answers %s with a validation error, never an internal one", async (_, cursor) => {
    const token = await local.tokenFor("isaiah");
    expect(await listHistoryEntries(token, { cursor })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
  });

  it("refuses a cursor altered, replayed for another filter or by another person", async () => {
    const token = await local.tokenFor("isaiah");
    const cursor = await firstCursor(token);
    const [body = "", mac = ""] = cursor.split(".");
    const otherPosition = encodeCursor({ createdAt: new Date(0), id: crypto.randomUUID() });
    const refused = { ok: false, error: { code: "validation" } };
    expect(await listHistoryEntries(token, { cursor: `${otherPosition}.${mac}` })).toMatchObject(
      refused,
    );
    expect(await listHistoryEntries(token, { cursor: `${body}.${mac}x` })).toMatchObject(refused);
    expect(await listHistoryEntries(token, { cursor, kind: "resend" })).toMatchObject(refused);
    const lee = await local.tokenFor("lee");
    expect(await listHistoryEntries(lee, { cursor, inviterOid: PEOPLE.isaiah.id })).toMatchObject(
      refused,
    );
  });
});
