import { describe, expect, it } from "vitest";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { MINIMAL_GUESTS } from "@/emulator/src/index";
import { inviteThroughAction } from "@/test-support/invited-guest";
import {
  getPendingCapabilities,
  getRedeemLink,
  listPendingInvitations,
  type PendingInvitationsPage,
} from "./actions";

// The pending-page actions end to end on the server: the local tenant in process and a throw-away PGlite.

const local = setUpActionTests("pending-actions");

const tokenFor = local.tokenFor;
const invite = async (user: string, prefix?: string) =>
  inviteThroughAction(await tokenFor(user), prefix);

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
