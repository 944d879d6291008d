import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEOPLE, startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import { resetServerConfig } from "@/lib/config/server-config";
import { closeStore, getStore, type NewAttempt } from "@/lib/db";
import { exportHistoryCsv, getHistoryScope, listHistoryEntries } from "./actions";

// The history actions on the server: tokens from the local tenant in process, entries in a throw-away PGlite.
let tenant: LocalTenant;
let dataDir: string;
const saved = {
  LOCAL_TENANT_URL: process.env.LOCAL_TENANT_URL,
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
};

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

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "history-actions-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  tenant = await startLocalTenant({ port: 0, seed: "minimal" });
  process.env.LOCAL_TENANT_URL = tenant.url;
  resetServerConfig();
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
afterAll(async () => {
  await closeStore();
  await tenant.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetServerConfig();
  await rm(dataDir, { recursive: true, force: true });
});

const tokenFor = async (user: string) =>
  (await tenant.issueToken({ user, audience: "portal-api" })).accessToken;

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
    expect(csv.startsWith("\uFEFFcreated_at,kind,outcome,")).toBe(true);
    expect(csv).toContain(",'=cmd|' /C calc'!A0,");
    expect(csv).toContain("Graph invite failed: 429");
    expect(csv).not.toContain("carla@northwind.example");
    expect(csv).not.toContain("redeem");
    expect(csv.split("\r\n")).toHaveLength(4);
  });

  it("refuses a caller without a token", async () => {
    expect(await exportHistoryCsv("", {})).toEqual({
      ok: false,
      error: { code: "unauthenticated" },
    });
  });
});
