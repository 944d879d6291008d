import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINIMAL_GUESTS, startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import type { Caller } from "@/lib/auth/caller";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { resetServerConfig } from "@/lib/config/server-config";
import { PENDING_ORDERS, PENDING_PAGE_SIZES } from "@/lib/pending/pending-query";
import { callGraph } from "./call-graph";
import { connectAs } from "./graph-connection";
import { GraphFailure } from "./graph-failure";
import {
  buildPendingGuestsRequest,
  followPendingGuestsLink,
  getGuest,
  listPendingGuests,
  MAX_IDS_PER_QUERY,
} from "./pending-guests";
import { findUsersByMail } from "./users-by-mail";
import { searchDirectoryUsers } from "./users";

// Every query the portal sends to Graph, made by the portal's own functions against the local tenant,
// which refuses what real Graph refuses (emulator/README.md, "Behaviour and its source"). The
// request log then shows that Graph accepted each one. The same requests bent the way a change could
// bend them (an advanced query with $expand, a sort without ConsistencyLevel) are refused as documented.
let tenant: LocalTenant;
let caller: Caller;
const savedUrl = process.env.LOCAL_TENANT_URL;

beforeAll(async () => {
  tenant = await startLocalTenant({ port: 0, seed: "minimal" });
  tenant.seedGuests({ count: 230, externalUserState: "PendingAcceptance" });
  process.env.LOCAL_TENANT_URL = tenant.url;
  resetServerConfig();
  const { accessToken } = await tenant.issueToken({ user: "adele", audience: "portal-api" });
  caller = await validateAccessToken(accessToken);
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.LOCAL_TENANT_URL;
  else process.env.LOCAL_TENANT_URL = savedUrl;
  resetServerConfig();
  await tenant.close();
});

const graphReads = () => tenant.requests({ pathPrefix: "/v1.0/", method: "GET" });

describe("every query the portal sends is one Graph accepts", () => {
  it.each(
    PENDING_ORDERS.flatMap((order) => PENDING_PAGE_SIZES.map((size) => [order, size] as const)),
  )(
    "the pending list in %s order, %i a page, with and without a search, and its next page",
    async (order, pageSize) => {
      const before = graphReads().length;
      for (const search of [undefined, "Bulk", "o'brien & co"]) {
        const page = await listPendingGuests(caller, {
          order,
          pageSize,
          ...(search ? { search } : {}),
        });
        expect(page.guests.length).toBeLessThanOrEqual(pageSize);
        if (page.nextLink) await followPendingGuestsLink(caller, page.nextLink, order);
      }
      const ids = [
        MINIMAL_GUESTS.pending.id,
        ...Array(MAX_IDS_PER_QUERY - 1).fill(MINIMAL_GUESTS.accepted.id),
      ];
      await listPendingGuests(caller, { order, pageSize, ids });
      const sent = graphReads().slice(before);
      expect(sent.length).toBeGreaterThanOrEqual(4);
      expect(sent.filter((entry) => entry.status !== 200)).toEqual([]);
    },
  );

  it("users by mail, people search and one guest by id", async () => {
    const before = graphReads().length;
    const addresses = Array.from({ length: 40 }, (_, index) => `guest${index}@nowhere.example`);
    await findUsersByMail(caller, [...addresses, MINIMAL_GUESTS.pending.email]);
    await searchDirectoryUsers(caller, "Ad");
    await searchDirectoryUsers(caller, "o'brien & co");
    expect(await getGuest(caller, MINIMAL_GUESTS.pending.id)).toMatchObject({
      externalUserState: "PendingAcceptance",
    });
    const sent = graphReads().slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(6);
    expect(sent.filter((entry) => entry.status !== 200)).toEqual([]);
  });
});

describe("the same queries bent the way Graph refuses them are refused as documented", () => {
  async function refusal(request: Parameters<typeof callGraph>[1]): Promise<GraphFailure> {
    try {
      await callGraph(connectAs(caller, "User.Read.All"), request, "listPendingGuests");
    } catch (error) {
      if (error instanceof GraphFailure) return error;
      throw error;
    }
    throw new Error("Graph accepted a query it refuses");
  }

  it("the default order with sponsors, made an advanced query: $expand is refused", async () => {
    const request = buildPendingGuestsRequest({ order: "default", pageSize: 25 });
    const failure = await refusal({
      method: "GET",
      ...request,
      count: true,
      headers: { ConsistencyLevel: "eventual" },
    });
    expect(failure).toMatchObject({ status: 400, graphCode: "Request_UnsupportedQuery" });
  });

  it("a sorted order without ConsistencyLevel: createdDateTime is not sortable there", async () => {
    const {
      headers: _headers,
      count: _count,
      ...request
    } = buildPendingGuestsRequest({
      order: "newest",
      pageSize: 25,
    });
    const failure = await refusal({ method: "GET", ...request });
    expect(failure).toMatchObject({ status: 400, graphCode: "Request_UnsupportedQuery" });
    expect(failure.message).toContain("Unsupported sort property 'createdDateTime' for 'User'.");
  });

  it("a sort on a property Graph does not sort, even as an advanced query", async () => {
    const request = buildPendingGuestsRequest({ order: "newest", pageSize: 25 });
    const failure = await refusal({ method: "GET", ...request, orderby: "mail desc" });
    expect(failure).toMatchObject({ status: 400, graphCode: "Request_UnsupportedQuery" });
    expect(failure.message).toContain("Unsupported sort property 'mail' for 'User'.");
  });

  it("more than 100 a page with $expand: Graph answers 100 and a next link", async () => {
    const request = buildPendingGuestsRequest({ order: "default", pageSize: 100 });
    const { data } = await callGraph<{ value: unknown[]; "@odata.nextLink"?: string }>(
      connectAs(caller, "User.Read.All"),
      { method: "GET", ...request, top: 200 },
      "listPendingGuests",
    );
    expect(data.value).toHaveLength(100);
    expect(data["@odata.nextLink"]).toBeTruthy();
  });
});
