import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { secureDataFolder } from "./connection";
import { LOCAL_DATA_KEY, parseDataKey, setDataKeys } from "./data-key";
import { availableBackends, newInviterOid, setUpTestStore } from "@/test-support/database-backends";
import { claimOneRow } from "@/test-support/claim-one-row";

const REDEEM = "https://login.microsoftonline.com/redeem?rd=secret-ticket";

function useKeys(current: string, previous?: string) {
  setDataKeys({
    current: parseDataKey(current),
    ...(previous ? { previous: parseDataKey(previous) } : {}),
  });
}

afterAll(() => useKeys(LOCAL_DATA_KEY));

describe.each(availableBackends())("redeem URLs at rest on $name", (backend) => {
  const { store, db, record } = setUpTestStore(backend);

  async function dump(): Promise<string> {
    const history = await db().execute(sql`select * from invitation_history`);
    const rows = await db().execute(sql`select * from bulk_job_rows`);
    return JSON.stringify([history, rows]);
  }

  async function bulkRowWithLink(): Promise<string> {
    const jobs = store().jobs;
    const job = await jobs.createJob({
      ownerOid: newInviterOid(),
      fileName: "guests.csv",
      format: "simple",
      headers: ["email"],
      totalRows: 1,
    });
    const email = "bulk@fabrikam.example";
    await jobs.addRows(job.id, [
      {
        rowNumber: 2,
        cells: [email],
        email,
        request: { invitedUserEmailAddress: email },
        state: "queued",
      },
    ]);
    await jobs.startJob(job.id);
    await jobs.claimJob(job.id, "test-worker", 60_000);
    const row = await claimOneRow(jobs, job.id, "test-worker");
    await jobs.completeRow(row!.id, { state: "succeeded", redeemUrl: `${REDEEM}-bulk` });
    return job.id;
  }

  it("stores them encrypted: a dump of the tables holds none, the portal still reads them", async () => {
    useKeys(LOCAL_DATA_KEY);
    const attempt = await record(
      { inviterOid: newInviterOid(), guestEmail: "ana@fabrikam.example" },
      {
        outcome: "succeeded",
        redeemUrl: REDEEM,
      },
    );
    const jobId = await bulkRowWithLink();
    const raw = await dump();
    expect(raw).not.toContain("secret-ticket");
    expect(raw).toMatch(/enc:v1:[0-9a-f]{12}:/);
    expect((await store().getAttempt(attempt.id))?.redeemUrl).toBe(REDEEM);
    const { rows } = await store().jobs.listRows(jobId, { offset: 0, limit: 10 });
    expect(rows[0]?.redeemUrl).toBe(`${REDEEM}-bulk`);
  });

  it("refuses a changed ciphertext instead of returning another link", async () => {
    const attempt = await record(
      { inviterOid: newInviterOid(), guestEmail: "bo@fabrikam.example" },
      {
        outcome: "succeeded",
        redeemUrl: REDEEM,
      },
    );
    await db().execute(
      sql`update invitation_history set redeem_url = overlay(redeem_url placing 'AAAA' from length(redeem_url) - 30) where id = ${attempt.id}`,
    );
    await expect(store().getAttempt(attempt.id)).rejects.toThrow();
  });

  it("reads rows stored before encryption, and the rotation re-encrypts them and the old key's", async () => {
    const legacyId = (
      await record({ inviterOid: newInviterOid(), guestEmail: "old@fabrikam.example" })
    ).id;
    await db().execute(
      sql`update invitation_history set redeem_url = ${`${REDEEM}-legacy`}, outcome = 'succeeded' where id = ${legacyId}`,
    );
    expect((await store().getAttempt(legacyId))?.redeemUrl).toBe(`${REDEEM}-legacy`);

    const next = randomBytes(32).toString("base64");
    useKeys(next, LOCAL_DATA_KEY);
    const first = await store().rotateDataKey();
    expect(first.rewritten).toBeGreaterThanOrEqual(3);
    expect(first.unreadable).toBe(1); // the row changed by the test before
    expect(await store().rotateDataKey()).toEqual({ rewritten: 0, unreadable: 1 });
    const raw = await dump();
    expect(raw).not.toContain("secret-ticket");

    useKeys(next); // the old key is gone: everything still opens
    expect((await store().getAttempt(legacyId))?.redeemUrl).toBe(`${REDEEM}-legacy`);
    useKeys(LOCAL_DATA_KEY); // and the old key alone opens nothing any more
    await expect(store().getAttempt(legacyId)).rejects.toMatchObject({ code: "data_key" });
  });
});

describe("the data folder", () => {
  it("is created 0700, and a folder others may write to is refused, naming it", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "data-folder-"));
    try {
      const fresh = path.join(parent, "fresh");
      await secureDataFolder(fresh);
      expect((await stat(fresh)).mode & 0o777).toBe(0o700);

      const open = path.join(parent, "open");
      await secureDataFolder(open);
      await chmod(open, 0o777);
      await expect(secureDataFolder(open)).rejects.toThrow(
        new RegExp(`data folder ${open} is writable by other users.*chmod 700`),
      );
      await chmod(open, 0o755);
      await secureDataFolder(open);
      expect((await stat(open)).mode & 0o777).toBe(0o700);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
