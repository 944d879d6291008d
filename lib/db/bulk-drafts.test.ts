import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { NewBulkRow } from "./bulk-types";
import { bulkJobRows, bulkJobs } from "./schema";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";

function rows(count: number, first = 2, cell = (email: string) => [email]): NewBulkRow[] {
  return Array.from({ length: count }, (_, index) => {
    const email = `guest${first + index}@fabrikam.com`;
    return { rowNumber: first + index, cells: cell(email), email, request: null, state: "queued" };
  });
}

const limits = { maxDrafts: 2, expireAfterMs: 24 * 60 * 60 * 1000 };
const refused = (reason: string) => ({ code: "draft_refused", reason });

describe.each(availableBackends())("bulk drafts are bounded on $name", (backend) => {
  const { store, db } = setUpTestStore(backend);

  const draft = (ownerOid = newInviterOid(), totalRows = 3) =>
    store().jobs.createJob(
      { ownerOid, fileName: "guests.csv", format: "simple", headers: ["email"], totalRows },
      limits,
    );

  const rowCount = async (jobId: string) =>
    (await db().select().from(bulkJobRows).where(eq(bulkJobRows.jobId, jobId))).length;

  it("refuses rows beyond the count the draft declared, writing none of the batch", async () => {
    const job = await draft(undefined, 3);
    expect(await store().jobs.addRows(job.id, rows(2))).toBe(2);
    await expect(store().jobs.addRows(job.id, rows(2, 4))).rejects.toMatchObject(
      refused("too_many_rows"),
    );
    expect(await rowCount(job.id)).toBe(2);
    expect(await store().jobs.addRows(job.id, rows(2))).toBe(0);
    expect(await store().jobs.addRows(job.id, rows(1, 4))).toBe(1);
  });

  it("refuses cells beyond the file size limit, and rows once the job has started", async () => {
    const job = await draft(undefined, 3);
    const wide = () => ["x".repeat(600)];
    await expect(
      store().jobs.addRows(job.id, rows(2, 2, wide), { maxBytes: 1000 }),
    ).rejects.toMatchObject(refused("too_large"));
    expect(await rowCount(job.id)).toBe(0);
    expect(await store().jobs.addRows(job.id, rows(3), { maxBytes: 1000 })).toBe(3);
    await store().jobs.startJob(job.id);
    await expect(store().jobs.addRows(job.id, rows(1, 9))).rejects.toMatchObject(
      refused("not_draft"),
    );
  });

  it("caps the drafts one person holds, and only drafts count", async () => {
    const owner = newInviterOid();
    const first = await draft(owner, 1);
    await draft(owner);
    await expect(draft(owner)).rejects.toMatchObject(refused("too_many_drafts"));
    await draft(); // someone else
    await store().jobs.addRows(first.id, rows(1));
    await store().jobs.startJob(first.id);
    await expect(draft(owner)).resolves.toMatchObject({ status: "draft" });
  });

  it("removes drafts abandoned for longer than the expiry, rows and all, when a draft is created", async () => {
    const owner = newInviterOid();
    const old = await draft(owner);
    await store().jobs.addRows(old.id, rows(2));
    const running = await draft(owner, 1);
    await store().jobs.addRows(running.id, rows(1));
    await store().jobs.startJob(running.id);
    await db()
      .update(bulkJobs)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(bulkJobs.ownerOid, owner));
    await draft(owner);
    expect(await store().jobs.getJob(old.id)).toBeUndefined();
    expect(await rowCount(old.id)).toBe(0);
    expect((await store().jobs.getJob(running.id))?.status).toBe("running");
  });
});
