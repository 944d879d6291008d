import { describe, expect, it } from "vitest";
import { SEED_GROUPS } from "@/emulator/src/index";
import { stopBulkWorker } from "@/lib/bulk/worker";
import { setUpActionTests } from "@/test-support/server-action-test-environment";
import {
  addBulkJobRows,
  createBulkJob,
  getBulkJobProgress,
  getBulkJobResults,
  listBulkJobRows,
  startBulkJob,
} from "./actions";

// The groups column through the bulk actions: the server checks each group for the job's owner.

const local = setUpActionTests("bulk-groups-actions", { beforeClose: stopBulkWorker });
const { partnerProjects, salesPartners, financeReports, allMarketing } = SEED_GROUPS;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`action failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function runJob(user: string, rows: [string, string][]) {
  const token = await local.tokenFor(user);
  const { jobId } = unwrap(
    await createBulkJob(token, {
      fileName: "grouped.csv",
      format: "simple",
      headers: ["email", "sendEmail", "groups"],
      totalRows: rows.length,
    }),
  );
  unwrap(
    await addBulkJobRows(token, {
      jobId,
      rows: rows.map(([email, groups], index) => ({
        rowNumber: index + 2,
        cells: [email, "false", groups],
      })),
    }),
  );
  unwrap(await startBulkJob(token, { jobId }));
  const deadline = Date.now() + 30_000;
  while (unwrap(await getBulkJobProgress(token, { jobId })).job.status !== "completed") {
    if (Date.now() > deadline) throw new Error("the job did not finish");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { token, jobId };
}

describe("bulk actions with a groups column", () => {
  it("refuses another owner's group for a team lead, adds her own, and shows each outcome", async () => {
    const stamp = Date.now();
    const { token, jobId } = await runJob("isaiah", [
      [`own.${stamp}@fabrikam.com`, salesPartners.id],
      [`other.${stamp}@fabrikam.com`, partnerProjects.id],
    ]);
    const page = unwrap(await listBulkJobRows(token, { jobId, offset: 0, limit: 10 }));
    expect(page.rows.map((row) => [row.state, row.errorCode])).toEqual([
      ["succeeded", null],
      ["skipped", "invalid"],
    ]);
    expect(page.rows[0]?.groups).toEqual([
      { groupId: salesPartners.id, groupName: salesPartners.displayName, status: "added" },
    ]);
    expect(JSON.parse(page.rows[1]!.errorMessage!)).toMatchObject({
      key: "validation.groups.notSelectable",
    });
    expect(local.tenant.groupMembers(salesPartners.id)).toContain(page.rows[0]!.guestUserId);
    expect(local.tenant.groupMembers(partnerProjects.id)).not.toContain(
      page.rows[1]!.guestUserId ?? "none",
    );
    const results = unwrap(await getBulkJobResults(token, { jobId }));
    expect(results.rows[0]?.groups?.[0]?.status).toBe("added");
  });

  it("lets a groups administrator name any group, named by Graph; one that does not exist or is dynamic skips the row", async () => {
    const stamp = Date.now();
    const missing = "00000000-0000-4000-8000-000000000404";
    const { token, jobId } = await runJob("megan", [
      [`admin.${stamp}@fabrikam.com`, financeReports.id],
      [`missing.${stamp}@fabrikam.com`, missing],
      [`dynamic.${stamp}@fabrikam.com`, allMarketing.id],
    ]);
    const rows = unwrap(await listBulkJobRows(token, { jobId, offset: 0, limit: 10 })).rows;
    expect(rows.map((row) => [row.state, row.errorCode])).toEqual([
      ["succeeded", null],
      ["skipped", "invalid"],
      ["skipped", "invalid"],
    ]);
    expect(rows[0]?.groups).toEqual([
      { groupId: financeReports.id, groupName: financeReports.displayName, status: "added" },
    ]);
    expect(local.tenant.groupMembers(financeReports.id)).toContain(rows[0]!.guestUserId);
    expect(rows.slice(1).map((row) => JSON.parse(row.errorMessage!))).toEqual([
      { key: "bulk.problems.groupNotFound", params: { id: missing } },
      { key: "validation.groups.dynamic", params: { name: allMarketing.displayName } },
    ]);
  });
});
