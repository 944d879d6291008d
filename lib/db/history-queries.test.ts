import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { InvalidCursorError } from "./history-cursor";
import { MAX_HISTORY_PAGE_SIZE } from "./history-queries";
import { invitationHistory } from "./schema";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";

describe.each(availableBackends())("history queries on $name", (backend) => {
  const { store, db, record } = setUpTestStore(backend);

  describe("listHistory", () => {
    it("pages newest first through every row exactly once, ties included", async () => {
      const inviterOid = newInviterOid();
      const times = [
        "2025-01-01T10:00:00.000Z",
        "2025-01-02T10:00:00.000Z",
        "2025-01-02T10:00:00.000Z",
        "2025-01-02T10:00:00.000Z",
        "2025-01-03T10:00:00.000Z",
        "2025-01-03T10:00:00.001Z",
        "2025-01-04T10:00:00.000Z",
      ];
      const rows = [];
      for (const at of times) rows.push(await record({ inviterOid }, undefined, at));
      const expected = [...rows]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((row) => row.id);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store().listHistory({ inviterOid, limit: 2, cursor });
        expect(page.total).toBe(times.length);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(pages).toBe(4);
    });

    it("has no next page when the last page is exactly full", async () => {
      const inviterOid = newInviterOid();
      await record({ inviterOid });
      await record({ inviterOid });
      const page = await store().listHistory({ inviterOid, limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBeNull();
    });

    it("filters by inviter, kind and outcome, counting only matching rows", async () => {
      const inviterOid = newInviterOid();
      await record({ inviterOid, kind: "single" });
      await record({ inviterOid, kind: "resend" });
      await record({ inviterOid, kind: "resend" }, { outcome: "failed", errorCode: "throttled" });
      await record({ inviterOid: newInviterOid(), kind: "resend" });

      const resends = await store().listHistory({ inviterOid, kind: "resend", limit: 10 });
      expect(resends.total).toBe(2);
      expect(
        resends.items.every((item) => item.kind === "resend" && item.inviterOid === inviterOid),
      ).toBe(true);

      const failed = await store().listHistory({ inviterOid, outcome: "failed", limit: 10 });
      expect(failed.items.map((item) => item.errorCode)).toEqual(["throttled"]);
    });

    it("filters by a date range, from inclusive and to exclusive", async () => {
      const inviterOid = newInviterOid();
      await record(
        { inviterOid, guestEmail: "before@example.com" },
        undefined,
        "2025-02-28T23:59:59.999Z",
      );
      await record(
        { inviterOid, guestEmail: "first@example.com" },
        undefined,
        "2025-03-01T00:00:00.000Z",
      );
      await record(
        { inviterOid, guestEmail: "last@example.com" },
        undefined,
        "2025-03-31T23:59:59.999Z",
      );
      await record(
        { inviterOid, guestEmail: "after@example.com" },
        undefined,
        "2025-04-01T00:00:00.000Z",
      );
      const march = await store().listHistory({
        inviterOid,
        from: new Date("2025-03-01T00:00:00Z"),
        to: new Date("2025-04-01T00:00:00Z"),
        limit: 10,
      });
      expect(march.items.map((item) => item.guestEmail)).toEqual([
        "last@example.com",
        "first@example.com",
      ]);
    });

    it("finds guests by a case-insensitive prefix of e-mail or display name", async () => {
      const inviterOid = newInviterOid();
      await record({
        inviterOid,
        guestEmail: "ada.lovelace@fabrikam.example",
        guestDisplayName: "Countess",
      });
      await record({
        inviterOid,
        guestEmail: "grace@navy.example",
        guestDisplayName: "Ada Hopper",
      });
      await record({
        inviterOid,
        guestEmail: "charles@engine.example",
        guestDisplayName: "Babbage, Ada",
      });

      const emails = async (guestQuery: string) =>
        (await store().listHistory({ inviterOid, guestQuery, limit: 10 })).items
          .map((item) => item.guestEmail)
          .sort();
      expect(await emails("ADA")).toEqual(["ada.lovelace@fabrikam.example", "grace@navy.example"]);
      expect(await emails("countess")).toEqual(["ada.lovelace@fabrikam.example"]);
      expect(await emails("fabrikam")).toEqual([]);
      expect(await emails("  ")).toHaveLength(3);
    });

    it("treats LIKE wildcards in the search text literally", async () => {
      const inviterOid = newInviterOid();
      await record({ inviterOid, guestEmail: "a_b@example.com" });
      await record({ inviterOid, guestEmail: "axb@example.com" });
      await record({ inviterOid, guestEmail: "100%@example.com" });
      const search = async (guestQuery: string) =>
        (await store().listHistory({ inviterOid, guestQuery, limit: 10 })).items.map(
          (item) => item.guestEmail,
        );
      expect(await search("a_")).toEqual(["a_b@example.com"]);
      expect(await search("%")).toEqual([]);
      expect(await search("100%")).toEqual(["100%@example.com"]);
    });

    it("keeps the page size within bounds", async () => {
      const inviterOid = newInviterOid();
      await record({ inviterOid });
      await record({ inviterOid });
      expect((await store().listHistory({ inviterOid, limit: 0 })).items).toHaveLength(1);
      const large = await store().listHistory({ inviterOid, limit: MAX_HISTORY_PAGE_SIZE * 10 });
      expect(large.items).toHaveLength(2);
    });

    it("rejects a malformed cursor", async () => {
      await expect(store().listHistory({ limit: 10, cursor: "garbage" })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });

  it("stores sponsors as a JSON array", async () => {
    const inviterOid = newInviterOid();
    const sponsorIds = [randomUUID(), randomUUID()];
    const row = await record({ inviterOid, sponsorIds });
    expect(row.sponsorIds).toEqual(sponsorIds);
    const [raw] = await db()
      .select({ type: sql<string>`jsonb_typeof(${invitationHistory.sponsorIds})` })
      .from(invitationHistory)
      .where(eq(invitationHistory.id, row.id));
    expect(raw?.type).toBe("array");
  });
});
