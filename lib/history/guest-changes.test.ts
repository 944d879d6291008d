import { describe, expect, it } from "vitest";
import { PEOPLE } from "@/emulator/src/index";
import { listGuestChanges, type GuestChangesPage } from "@/components/history/actions";
import { getStore, GUEST_CHANGE_KINDS, type GuestChangeKind } from "@/lib/db";
import { INVITATION_OUTCOMES } from "@/lib/db";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import { CHANGE_KINDS, CHANGE_OUTCOMES } from "./guest-change-kinds";

// The history's Changes view end to end: the action, the ownership rule and paging, on PGlite.
const local = setUpActionTests("guest-changes");

async function record(actor: keyof typeof PEOPLE, kind: GuestChangeKind, guestName: string) {
  const store = await getStore();
  const change = await store.changes.begin({
    kind,
    actorOid: PEOPLE[actor].id,
    actorName: PEOPLE[actor].displayName,
    actorUpn: PEOPLE[actor].userPrincipalName,
    guestUserId: crypto.randomUUID(),
    guestDisplayName: guestName,
    guestEmail: `${guestName.toLowerCase().replace(/\s/g, ".")}@fabrikam.com`,
    targetId: kind === "guest_delete" || kind === "guest_restore" ? null : crypto.randomUUID(),
    targetName: kind === "group_member_add" ? "Partners" : "Isaiah Langer",
  });
  await store.changes.complete(change.id, {
    outcome: kind === "guest_delete" ? "failed" : "succeeded",
    requestId: `request-${guestName}`,
    ...(kind === "guest_delete"
      ? { errorCode: "Authorization_RequestDenied", errorMessage: "Insufficient privileges" }
      : {}),
  });
  return change;
}

async function page(
  person: string,
  input: Record<string, unknown> = {},
): Promise<GuestChangesPage> {
  const result = await listGuestChanges(await local.tokenFor(person), input);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

describe("listGuestChanges", () => {
  it("the browser's kinds and outcomes are the database's", () => {
    expect([...CHANGE_KINDS]).toEqual([...GUEST_CHANGE_KINDS]);
    expect([...CHANGE_OUTCOMES]).toEqual([...INVITATION_OUTCOMES]);
  });

  it("shows a team lead their own changes only, helpdesk everyone's, newest first", async () => {
    const kinds = [...GUEST_CHANGE_KINDS];
    for (const [index, kind] of kinds.entries()) await record("adele", kind, `Own Guest ${index}`);
    await record("megan", "sponsor_add", "Other Guest");

    const own = await page("adele", { pageSize: 100 });
    expect(own.rows.map((row) => row.guestDisplayName).sort()).toEqual(
      kinds.map((_kind, index) => `Own Guest ${index}`),
    );
    const times = own.rows.map((row) => Date.parse(row.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(own.rows.every((row) => row.actorName === "Adele Vance")).toBe(true);
    expect(own.rows.find((row) => row.kind === "guest_delete")).toMatchObject({
      outcome: "failed",
      errorCode: "Authorization_RequestDenied",
      errorMessage: "Insufficient privileges",
      requestId: "request-Own Guest 1",
      targetId: null,
    });

    const all = await page("lee", { pageSize: 100 });
    expect(all.rows[0]).toMatchObject({
      guestDisplayName: "Other Guest",
      actorName: "Megan Bowen",
    });
    expect(all.rows.map((row) => row.guestDisplayName)).toEqual(
      expect.arrayContaining(own.rows.map((row) => row.guestDisplayName)),
    );
    expect((await page("adele", { kind: "sponsor_add" })).rows).toHaveLength(1);
    expect((await page("adele", { outcome: "failed" })).rows).toHaveLength(1);
  });

  it("pages with a signed cursor bound to the person and the filter", async () => {
    for (let index = 0; index < 30; index++)
      await record("isaiah", "sponsor_remove", `Paged ${index}`);
    const first = await page("isaiah", { pageSize: 25 });
    expect(first.rows).toHaveLength(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page("isaiah", { pageSize: 25, cursor: first.nextCursor });
    expect(second.rows).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const names = [...first.rows, ...second.rows].map((row) => row.guestDisplayName);
    expect(new Set(names).size).toBe(30);

    const foreign = await listGuestChanges(await local.tokenFor("adele"), {
      pageSize: 25,
      cursor: first.nextCursor,
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: "validation" } });
    const refiltered = await listGuestChanges(await local.tokenFor("isaiah"), {
      pageSize: 25,
      kind: "sponsor_add",
      cursor: first.nextCursor,
    });
    expect(refiltered).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it("refuses an unknown kind or page size", async () => {
    const result = await listGuestChanges(await local.tokenFor("adele"), {
      kind: "drop_table",
      pageSize: 7,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation" },
      fieldErrors: {
        kind: [{ key: "validation.invalid" }],
        pageSize: [{ key: "validation.invalid" }],
      },
    });
  });
});
