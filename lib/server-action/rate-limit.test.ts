import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startScriptedLocalTenant } from "@/test-support/scripted-local-tenant";
import { createAction } from "./create-action";

// The wrapper with the default limit (100 calls per 10 s per person, in memory).
let tenant: Awaited<ReturnType<typeof startScriptedLocalTenant>>;
beforeAll(async () => {
  tenant = await startScriptedLocalTenant();
});
afterAll(() => tenant.close());

describe("createAction's per-person limit", () => {
  it("refuses a burst of 200 calls by one person as rate_limited, before the handler runs", async () => {
    const handler = vi.fn(async () => "done");
    const run = createAction({ name: "test", schema: z.object({}), handler });
    const greedy = await tenant.issuer.sign({ oid: randomUUID() });
    const other = await tenant.issuer.sign({ oid: randomUUID() });

    const results = await Promise.all(Array.from({ length: 200 }, () => run(greedy, {})));

    const limited = results.filter((result) => !result.ok);
    expect(limited).toHaveLength(100);
    for (const result of limited) {
      expect(result).toEqual({
        ok: false,
        error: { code: "rate_limited", retryAfterSeconds: expect.any(Number) },
      });
    }
    expect(handler).toHaveBeenCalledTimes(100);
    expect(await run(other, {})).toEqual({ ok: true, data: "done" });
  });
});
