import { beforeAll, describe, expect, it } from "vitest";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { PEOPLE } from "@/emulator/src/index";
import { getStore, type NewAttempt } from "@/lib/db";
import { cellsReadAsFormulas, readCsv } from "@/test-support/spreadsheet-formulas";
import { exportHistoryCsv, getHistoryScope, listHistoryEntries } from "./actions";

// The history actions on the server: tokens from the local tenant in process, entries in a throw-away PGlite.

async function record(
  entry: Partial<NewAttempt> & { inviterOid: string; guestEmail: string },
  failed = false,
) {
  const store = await getStore();
  const { attempt } = await store.beginAttempt({
    kind: "single",
    userType: "Guest",
    redirectUrl: "https://myapps.microsoft.com",
    sendInvitationMessage: false,
    ...entry,
  });
  await store.completeAttempt(
    attempt.id,
    failed
      ? {
          outcome: "failed",
          errorCode: "throttled",
          errorMessage: "Graph invite failed: 429",
          requestId: "req-1",
        }
      : {
          outcome: "succeeded",
          redeemUrl: "https://login.example/redeem?secret=1",
          guestUserId: crypto.randomUUID(),
        },
  );
}

const local = setUpActionTests("history-actions");
beforeAll(async () => {
  await record({
    inviterOid: PEOPLE.adele.id,
    inviterName: "Adele Vance",
    guestEmail: "ana@fabrikam.com",
    guestDisplayName: "=cmd|' /C calc'!A0",
  });
  await record(
    {
      inviterOid: PEOPLE.adele.id,
      inviterName: "Adele Vance",
      guestEmail: "bob@fabrikam.com",
      kind: "resend",
    },
    true,
  );
  await record({
    inviterOid: PEOPLE.lee.id,
    inviterName: "Lee Gu",
    guestEmail: "carla@northwind.example",
    kind: "reset_redemption",
  });
});

const tokenFor = local.tokenFor;

describe("listHistoryEntries", () => {
  it("shows a team lead only their own entries, whatever inviter they ask for", async () => {
    const token = await tokenFor("adele");
    for (const input of [{}, { inviterOid: PEOPLE.lee.id }]) {
      const result = await listHistoryEntries(token, input);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.data.total).toBe(2);
      expect(result.data.rows.map((row) => row.guestEmail).sort()).toEqual([
        "ana@fabrikam.com",
        "bob@fabrikam.com",
      ]);
    }
  });

  it("shows helpdesk everyone's entries and filters by inviter, guest, kind, outcome and date", async () => {
    const token = await tokenFor("lee");
    const emails = async (input: Record<string, unknown>) => {
      const result = await listHistoryEntries(token, input);
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.data.rows.map((row) => row.guestEmail).sort();
    };
    expect(await emails({})).toHaveLength(3);
    expect(await emails({ inviterOid: PEOPLE.lee.id })).toEqual(["carla@northwind.example"]);
    expect(await emails({ guest: "BO" })).toEqual(["bob@fabrikam.com"]);
    expect(await emails({ kind: "reset_redemption" })).toEqual(["carla@northwind.example"]);
    expect(await emails({ outcome: "failed" })).toEqual(["bob@fabrikam.com"]);
    expect(await emails({ to: "2000-01-01T00:00:00Z" })).toEqual([]);
    expect(await emails({ from: "2000-01-01T00:00:00Z" })).toHaveLength(3);
  });

  it("pages with the store's cursor and never returns redeem links", async () => {
    const token = await tokenFor("lee");
    const first = await listHistoryEntries(token, { pageSize: 25 });
    expect(JSON.stringify(first)).not.toContain("redeem");
    const failed = await listHistoryEntries(token, { outcome: "failed" });
    expect(failed).toMatchObject({
      ok: true,
      data: { rows: [{ errorCode: "throttled", requestId: "req-1", kind: "resend" }] },
    });
    expect(await listHistoryEntries(token, { cursor: "not-a-cursor" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect(await listHistoryEntries(token, { kind: "everything" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
      fieldErrors: { kind: [{ key: "validation.invalid" }] },
    });
  });
});

describe("getHistoryScope", () => {
  it("tells team leads they see their own, and gives helpdesk the inviters", async () => {
    expect(await getHistoryScope(await tokenFor("adele"), {})).toEqual({
      ok: true,
      data: { seesAll: false, inviters: [] },
    });
    const lee = await getHistoryScope(await tokenFor("lee"), {});
    expect(lee).toMatchObject({ ok: true, data: { seesAll: true } });
    if (lee.ok)
      expect(lee.data.inviters.map((inviter) => inviter.name)).toEqual(["Adele Vance", "Lee Gu"]);
  });
});

describe("exportHistoryCsv", () => {
  it("exports the caller's rows as CSV with a BOM, neutralised formulas and no redeem links", async () => {
    const result = await exportHistoryCsv(await tokenFor("adele"), {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { csv, rows, truncated } = result.data;
    expect(rows).toBe(2);
    expect(truncated).toBe(false);
    expect(csv.startsWith('\uFEFF"created_at","kind","outcome",')).toBe(true);
    expect(csv).toContain(`,"'=cmd|' /C calc'!A0",`);
    expect(csv).toContain("Graph invite failed: 429");
    expect(csv).not.toContain("carla@northwind.example");
    expect(csv).not.toContain("redeem");
    expect(csv.split("\r\n")).toHaveLength(4);
  });

  it("hides no formula behind a ; for a spreadsheet that splits on ; instead of ,", async () => {
    // Isaiah's own entry: the counts the tests above assert stay as they are.
    await record({
      inviterOid: PEOPLE.isaiah.id,
      inviterName: "Isaiah Langer",
      guestEmail: "bob@fabrikam.com",
      guestDisplayName: "Bob;=cmd|' /C calc'!A0;",
    });
    const result = await exportHistoryCsv(await tokenFor("isaiah"), {});
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [header, row] = readCsv(result.data.csv, ",");
    expect(row?.[header?.indexOf("guest_display_name") ?? -1]).toBe("Bob;'=cmd|' /C calc'!A0;");
    expect(cellsReadAsFormulas(result.data.csv)).toEqual([]);
  });

  it("refuses a caller without a token", async () => {
    expect(await exportHistoryCsv("", {})).toEqual({
      ok: false,
      error: { code: "unauthenticated" },
    });
  });
});
