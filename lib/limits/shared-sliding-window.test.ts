import { randomUUID } from "node:crypto";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends, type ScratchDatabase } from "@/test-support/database-backends";
import { SharedSlidingWindow } from "./shared-sliding-window";

const postgres = availableBackends().find((backend) => backend.name === "postgres");

// Two pools stand for two portal instances. The window is long, so nothing leaves it during a test:
// what is granted is exactly what the budget allows. Waiters poll through a counted sleep, so the
// tests wait for "everyone asked again" rather than for a duration.
describe.runIf(postgres)("SharedSlidingWindow on PostgreSQL", () => {
  let scratch: ScratchDatabase;
  const pools: Pool[] = [];
  beforeAll(async () => {
    scratch = await postgres!.scratchDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await scratch?.dispose();
  });

  function instances(count: number, requests: number, reserveForSingle = 0) {
    const key = randomUUID();
    let polls = 0;
    const sleep = () => {
      polls += 1;
      return new Promise<void>((resolve) => setTimeout(resolve, 5));
    };
    const windows = Array.from({ length: count }, () => {
      const pool = new Pool({ connectionString: scratch.options.databaseUrl, max: 3 });
      pools.push(pool);
      return new SharedSlidingWindow(pool, key, {
        requests,
        windowMs: 600_000,
        reserveForSingle,
        sleep,
      });
    });
    return { windows, polls: () => polls, key };
  }

  // Waiters still polling when the pools close at the end fail; that is expected.
  const ignoreEnd = () => undefined;

  async function until(condition: () => boolean) {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it("grants the budget once across instances, and holds the rest", async () => {
    const { windows, polls } = instances(2, 20);
    let granted = 0;
    for (let index = 0; index < 40; index += 1) {
      void windows[index % 2]!.acquire().then(() => (granted += 1), ignoreEnd);
    }
    await until(() => granted === 20);
    const pollsAtBudget = polls();
    await until(() => polls() >= pollsAtBudget + 60);
    expect(granted).toBe(20);
  });

  it("holds a bulk job alone one slot below the budget, which a person gets at once", async () => {
    const { windows, polls } = instances(2, 20, 5);
    let bulk = 0;
    for (let index = 0; index < 30; index += 1)
      void windows[0]!.acquire("bulk").then(() => (bulk += 1), ignoreEnd);
    // Alone, a bulk job leaves one slot: 19 of 20.
    await until(() => bulk === 19);
    let pollsNow = polls();
    await until(() => polls() >= pollsNow + 30);
    expect(bulk).toBe(19);
    // A person on the other instance gets that slot at once.
    await windows[1]!.acquire("single");
    pollsNow = polls();
    await until(() => polls() >= pollsNow + 30);
    expect(bulk).toBe(19);
  });

  it("keeps slots from bulk rows for people who have been inviting, up to the reserve", async () => {
    const { windows, key } = instances(2, 20, 5);
    // Six single invitations between one and two windows ago: gone from the window, not forgotten.
    await windows[0]!.backOff(0);
    await pools[0]!.query(
      `update portal_invitation_pace set single_grants = array(
         select (extract(epoch from clock_timestamp()) * 1000000)::bigint - 900000000 + n
         from generate_series(1, 6) n) where key = $1`,
      [key],
    );
    let bulk = 0;
    for (let index = 0; index < 30; index += 1)
      void windows[0]!.acquire("bulk").then(() => (bulk += 1), ignoreEnd);
    // The reserve is min(5, 6 / 2 + 1) = 4: bulk rows stop at 16 of 20…
    await until(() => bulk === 16);
    // …and the other four go to people at once.
    await Promise.all(Array.from({ length: 4 }, () => windows[1]!.acquire("single")));
    expect(bulk).toBe(16);
  });

  it("holds every instance back for a Retry-After given to one", async () => {
    const { windows, polls } = instances(2, 20);
    await windows[0]!.backOff(600);
    let granted = false;
    void windows[1]!.acquire().then(() => (granted = true), ignoreEnd);
    await until(() => polls() >= 5);
    expect(granted).toBe(false);
  });
});
