import { describe, expect, it } from "vitest";
import { stopBulkWorker } from "@/lib/bulk/worker";
import { getStore } from "@/lib/db";
import { MAX_DRAFTS_PER_PERSON } from "@/lib/bulk/limits";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import {
  addBulkJobRows,
  cancelBulkJob,
  checkExistingAddresses,
  createBulkJob,
  getBulkJobProgress,
  getBulkJobResults,
  listBulkJobs,
  listBulkJobRows,
  pauseBulkJob,
  resumeBulkJob,
  startBulkJob,
} from "./actions";

// The bulk actions on the server: local tenant in process, history and jobs in a throw-away PGlite folder.

const local = setUpActionTests("bulk-actions", { beforeClose: stopBulkWorker });

const tokenFor = local.tokenFor;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`action failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function submit(token: string, emails: string[], start = true) {
  const { jobId } = unwrap(
    await createBulkJob(token, {
      fileName: "guests.csv",
      format: "simple",
      headers: ["email", "sendEmail", "message"],
      totalRows: emails.length,
    }),
  );
  unwrap(
    await addBulkJobRows(token, {
      jobId,
      rows: emails.map((email, index) => ({
        rowNumber: index + 2,
        cells: [email, "false", index === 0 ? "=HYPERLINK(1)" : ""],
      })),
    }),
  );
  if (start) unwrap(await startBulkJob(token, { jobId }));
  return jobId;
}

async function waitFor(token: string, jobId: string, status: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const progress = unwrap(await getBulkJobProgress(token, { jobId }));
    if (progress.job.status === status) return progress;
    if (Date.now() > deadline) throw new Error(`still ${progress.job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("bulk actions", () => {
  it("create, add rows, start, poll to the end and read the results", async () => {
    const token = await tokenFor("adele");
    const stamp = Date.now();
    const emails = [
      `a.${stamp}@fabrikam.com`,
      `b.${stamp}@fabrikam.com`,
      "broken",
      `A.${stamp}@fabrikam.com`,
    ];
    const jobId = await submit(token, emails);
    const done = await waitFor(token, jobId, "completed");
    expect(done.counts).toMatchObject({ succeeded: 2, skipped: 2 });
    expect(done.etaSeconds).toBeNull();

    const results = unwrap(await getBulkJobResults(token, { jobId }));
    expect(results.headers).toEqual(["email", "sendEmail", "message"]);
    expect(results.rows.map((row) => [row.state, row.errorCode])).toEqual([
      ["succeeded", null],
      ["succeeded", null],
      ["skipped", "invalid"],
      ["skipped", "duplicate"],
    ]);
    expect(results.rows[0]?.redeemUrl).toContain("redeem");

    const jobs = unwrap(await listBulkJobs(token, {}));
    expect(jobs[0]).toMatchObject({ id: jobId, status: "completed", isOwner: true });
    const history = await (await getStore()).listHistory({ guestQuery: emails[0]!, limit: 5 });
    expect(history.items[0]).toMatchObject({ kind: "bulk", outcome: "succeeded" });
  });

  it("shows a job to its owner and to helpdesk, not to another member", async () => {
    const jobId = await submit(await tokenFor("adele"), [`c.${Date.now()}@fabrikam.com`], false);
    expect(await getBulkJobProgress(await tokenFor("isaiah"), { jobId })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await cancelBulkJob(await tokenFor("lee"), { jobId })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    const rows = unwrap(
      await listBulkJobRows(await tokenFor("lee"), { jobId, offset: 0, limit: 10 }),
    );
    expect(rows.total).toBe(1);
  });

  it("pauses, resumes and cancels", async () => {
    const token = await tokenFor("megan");
    local.tenant.updateSettings({ latencyMs: { invitations: 300 } });
    try {
      const stamp = Date.now();
      const jobId = await submit(
        token,
        Array.from({ length: 30 }, (_, index) => `p${index}.${stamp}@fabrikam.com`),
      );
      expect(unwrap(await pauseBulkJob(token, { jobId })).status).toBe("paused");
      expect(unwrap(await resumeBulkJob(token, { jobId })).status).toBe("running");
      expect(unwrap(await cancelBulkJob(token, { jobId })).status).toBe("cancelled");
      const progress = unwrap(await getBulkJobProgress(token, { jobId }));
      expect(progress.counts.cancelled).toBeGreaterThan(0);
    } finally {
      local.tenant.updateSettings({ latencyMs: {} });
    }
  });

  it("checks many addresses against the local tenant, 15 per Graph query", async () => {
    const before = local.tenant.requests({ pathPrefix: "/v1.0/users", method: "GET" }).length;
    const many = Array.from({ length: 100 }, (_, index) => `nobody${index}@fabrikam.com`);
    const found = unwrap(
      await checkExistingAddresses(await tokenFor("adele"), {
        addresses: [...many, "accepted.guest@northwind.example"],
      }),
    );
    expect(found).toEqual([
      { mail: "accepted.guest@northwind.example", pending: false, guest: true },
    ]);
    expect(
      local.tenant.requests({ pathPrefix: "/v1.0/users", method: "GET" }).length - before,
    ).toBe(7);
  });

  it("finds addresses already in the local tenant", async () => {
    const found = unwrap(
      await checkExistingAddresses(await tokenFor("adele"), {
        addresses: ["Pending.Guest@fabrikam.com", "nobody@fabrikam.com"],
      }),
    );
    expect(found).toEqual([{ mail: "pending.guest@fabrikam.com", pending: true, guest: true }]);
  });

  it("validates input and refuses a caller without a token", async () => {
    expect(await createBulkJob("", { fileName: "x.csv" })).toEqual({
      ok: false,
      error: { code: "unauthenticated" },
    });
    const result = await createBulkJob(await tokenFor("adele"), {
      fileName: "x.csv",
      format: "simple",
      headers: ["email"],
      totalRows: 10_001,
    });
    expect(result.ok).toBe(false);
  });

  it("bounds drafts: the declared row count and drafts per person", async () => {
    const token = await tokenFor("nestor");
    const draft = () =>
      createBulkJob(token, {
        fileName: "guests.csv",
        format: "simple",
        headers: ["email", "sendEmail"],
        totalRows: 2,
      });
    const { jobId } = unwrap(await draft());
    const row = (
      rowNumber: number,
      cells = [`r${rowNumber}.${Date.now()}@fabrikam.com`, "no"],
    ) => ({
      rowNumber,
      cells,
    });
    const validation = { ok: false, error: { code: "validation" } };
    expect(await addBulkJobRows(token, { jobId, rows: [row(2), row(3), row(4)] })).toEqual(
      validation,
    );
    // One NUL row is refused alone; the rest of its batch is kept.
    expect(
      await addBulkJobRows(token, {
        jobId,
        rows: [row(2, ["nul\u0000@fabrikam.com", "no"]), row(3)],
      }),
    ).toEqual({ ok: true, data: { added: 2, queued: 1 } });
    for (let count = 1; count < MAX_DRAFTS_PER_PERSON; count += 1) unwrap(await draft());
    expect(await draft()).toEqual({ ok: false, error: { code: "too_many_drafts" } });
  });
});
