import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import { SCRIPTED_CALLER } from "@/test-support/scripted-graph-connection";
import { createGraphConnection } from "./graph-connection";
import { ADDRESSES_PER_QUERY, findUsersByMail, PARALLEL_QUERIES } from "./users-by-mail";

// Against the local tenant: real $filter parsing, real paging limits, real tokens.
let tenant: LocalTenant;
const caller = SCRIPTED_CALLER;
const DOMAIN = "users-by-mail.example";
const known = Array.from({ length: 40 }, (_, index) => `guest.${index}@${DOMAIN}`);

beforeAll(async () => {
  tenant = await startLocalTenant({ port: 0, seed: "minimal" });
  for (const email of known) {
    const reply = await tenant.server.inject({
      method: "POST",
      url: "/_emulator/users",
      payload: { email },
    });
    expect(reply.statusCode).toBeLessThan(300);
  }
});
afterAll(() => tenant.close());

async function graphToken(): Promise<string> {
  const { accessToken } = await tenant.issueToken({
    user: "adele",
    audience: "graph",
    scopes: ["User.Read.All"],
  });
  return accessToken;
}

function usersRequests(): number {
  return tenant.requests({ pathPrefix: "/v1.0/users", method: "GET" }).length;
}

describe("findUsersByMail", () => {
  it("finds every known address in chunks, whatever its case or spacing, and nothing else", async () => {
    const before = usersRequests();
    const asked = [
      ...known.map((address, index) => (index % 2 ? ` ${address.toUpperCase()} ` : address)),
      ...known.slice(0, 5),
      "nobody.1@unknown.example",
      "nobody.2@unknown.example",
      "",
    ];
    const connection = createGraphConnection({ baseUrl: tenant.url, getAccessToken: graphToken });
    const matches = await findUsersByMail(caller, asked, connection);

    expect(matches.map((match) => match.mail).sort()).toEqual([...known].sort());
    expect(matches[0]).toMatchObject({ id: expect.any(String), userType: "Guest" });
    expect(usersRequests() - before).toBe(Math.ceil((known.length + 2) / ADDRESSES_PER_QUERY));
  });

  it(`keeps at most ${PARALLEL_QUERIES} queries in flight`, async () => {
    // Each query waits for its token until the test hands one out, so in-flight queries are countable.
    const handOut: Array<() => void> = [];
    let started = 0;
    const connection = createGraphConnection({
      baseUrl: tenant.url,
      getAccessToken: async () => {
        started += 1;
        await new Promise<void>((resolve) => handOut.push(resolve));
        return graphToken();
      },
    });
    const addresses = [
      ...known,
      ...Array.from({ length: 3 * ADDRESSES_PER_QUERY }, (_, index) => `x${index}@unknown.example`),
    ];
    const chunks = Math.ceil(addresses.length / ADDRESSES_PER_QUERY);
    const search = findUsersByMail(caller, addresses, connection);

    let released = 0;
    while (released < chunks) {
      const expected = Math.min(released + PARALLEL_QUERIES, chunks);
      await vi.waitFor(() => expect(started).toBeGreaterThanOrEqual(expected), { timeout: 60_000 });
      // Let any query that was about to start do so before counting again.
      await new Promise((resolve) => setImmediate(resolve));
      expect(started).toBe(expected);
      handOut.shift()?.();
      released += 1;
    }
    expect((await search).map((match) => match.mail).sort()).toEqual([...known].sort());
  });
});
