import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { availableBackends } from "@/test-support/database-backends";
import { PersonLimiter } from "./person-limit";
import { closeLimitsPools } from "./shared-pool";

afterAll(() => closeLimitsPools());

const person = () => ({ tid: "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47", oid: randomUUID() });

async function burst(limiter: PersonLimiter, caller: ReturnType<typeof person>, calls: number) {
  return Promise.all(Array.from({ length: calls }, () => limiter.consume(caller)));
}

describe.each(availableBackends())("per-person action limit on $name", (backend) => {
  const scratch = backend.scratchDatabase();
  afterAll(async () => (await scratch).dispose());

  async function limiters(count: number) {
    const { databaseUrl } = (await scratch).options;
    const config = { actionCalls: 100, actionWindowSeconds: 10, singleInvitationReserve: 10 };
    // Two limiters on one database stand for two instances of the portal.
    const shared = databaseUrl && backend.name === "postgres" ? { databaseUrl } : {};
    return Promise.all(
      Array.from({ length: count }, () => PersonLimiter.create({ ...config, ...shared })),
    );
  }

  it("limits one person's burst of 200 calls and leaves another person unaffected", async () => {
    const [limiter] = await limiters(1);
    const greedy = person();
    const waits = await burst(limiter!, greedy, 200);
    const refused = waits.filter((wait) => wait !== undefined);
    expect(refused).toHaveLength(100);
    for (const wait of refused) expect(wait).toBeGreaterThanOrEqual(1);
    for (const wait of refused) expect(wait).toBeLessThanOrEqual(10);
    expect(await limiter!.consume(person())).toBeUndefined();
    expect(await limiter!.consume(greedy)).toBeGreaterThanOrEqual(1);
  });

  it.runIf(backend.name === "postgres")("counts a person's calls across instances", async () => {
    const [first, second] = await limiters(2);
    const caller = person();
    await burst(first!, caller, 100);
    expect(await second!.consume(caller)).toBeGreaterThanOrEqual(1);
  });
});
