import { describe, expect, it } from "vitest";
import { inProcessLocalTenant } from "@/test-support/in-process-local-tenant";
import { MINIMAL_STALE_GUESTS } from "@/emulator/src/index";
import {
  daysLeftInDeletedItems,
  deleteUser,
  listDeletedGuests,
  readDeletedUser,
  restoreDeletedUser,
  whereIsUser,
} from "./deleted-users";
import { failureOf } from "@/test-support/scripted-graph-connection";

// Removing and restoring guests through the adapter, against the local tenant in process.
const { tenant: localTenant, signedIn } = inProcessLocalTenant("stale");
const [stale45, stale75] = MINIMAL_STALE_GUESTS.map(([id]) => id);

describe("removing and restoring guests", () => {
  it("deletes, lists, reads and restores as a User Administrator", async () => {
    const megan = await signedIn("megan");
    expect(await whereIsUser(megan, stale45!)).toBe("live");
    const { requestId } = await deleteUser(megan, stale45!);
    expect(requestId).toEqual(expect.any(String));
    expect(await whereIsUser(megan, stale45!)).toBe("deleted");
    const deleted = await readDeletedUser(megan, stale45!);
    expect(deleted).toMatchObject({ id: stale45, displayName: "Stale Guest 45" });
    expect(daysLeftInDeletedItems(deleted!.deletedDateTime)).toBe(30);
    expect((await listDeletedGuests(megan)).map((user) => user.id)).toEqual([stale45]);

    await restoreDeletedUser(megan, stale45!);
    expect(await whereIsUser(megan, stale45!)).toBe("live");
    expect(await readDeletedUser(megan, stale45!)).toBeUndefined();
  });

  it("refuses a team lead as forbidden, and says a second delete is a 404", async () => {
    const adele = await signedIn("adele");
    expect((await failureOf(deleteUser(adele, stale75!))).code).toBe("forbidden");
    const megan = await signedIn("megan");
    await deleteUser(megan, stale75!);
    expect(await failureOf(deleteUser(megan, stale75!))).toMatchObject({
      code: "graph_error",
      status: 404,
    });
  });

  it("does not repeat a DELETE that got a 504: the caller asks Graph instead", async () => {
    const megan = await signedIn("megan");
    localTenant().injectFault({
      path: "/v1.0/users/",
      method: "DELETE",
      kind: "act-then-status",
      status: 504,
    });
    expect((await failureOf(deleteUser(megan, stale75!))).code).toBe("graph_unreachable");
    expect(localTenant().requests({ pathPrefix: "/v1.0/users/", method: "DELETE" })).toHaveLength(
      1,
    );
    expect(await whereIsUser(megan, stale75!)).toBe("deleted");
  });

  it("counts days left until the purge", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(daysLeftInDeletedItems("2026-11-30T12:00:00Z", now)).toBe(29);
    expect(daysLeftInDeletedItems("2026-10-01T12:00:00Z", now)).toBe(0);
  });
});
