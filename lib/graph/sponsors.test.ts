import { describe, expect, it } from "vitest";
import { inProcessLocalTenant } from "@/test-support/in-process-local-tenant";
import { MINIMAL_GUESTS, PEOPLE } from "@/emulator/src/index";
import { addSponsor, isAlreadySponsor, isNotFound, listSponsors, removeSponsor } from "./sponsors";
import { failureOf } from "@/test-support/scripted-graph-connection";

// The sponsor functions against the local tenant: real tokens, on-behalf-of, routes, roles and errors.
const { tenant: localTenant, signedIn } = inProcessLocalTenant("minimal");
const guest = MINIMAL_GUESTS.pending.id;

const sponsorIdsOfGuest = () => localTenant().user(guest)?.sponsorIds ?? [];
const posts = () =>
  localTenant().requests({ pathPrefix: `/v1.0/users/${guest}/sponsors/$ref`, method: "POST" });

describe("listSponsors", () => {
  it("reads the guest's sponsors with name and mail", async () => {
    const sponsors = await listSponsors(await signedIn("adele"), guest);
    expect(sponsors).toEqual([
      { id: PEOPLE.adele.id, type: "user", displayName: "Adele Vance", mail: PEOPLE.adele.mail },
    ]);
  });

  it("fails with 404 for an unknown guest", async () => {
    const failure = await failureOf(
      listSponsors(await signedIn("adele"), "00000000-0000-4000-8000-000000000404"),
    );
    expect(isNotFound(failure)).toBe(true);
  });
});

describe("addSponsor and removeSponsor", () => {
  it("add and remove as a User Administrator, with Graph's request id", async () => {
    const megan = await signedIn("megan");
    const added = await addSponsor(megan, guest, PEOPLE.isaiah.id);
    expect(added).toEqual({ requestId: expect.any(String), confirmedByReading: false });
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.adele.id, PEOPLE.isaiah.id]);
    const removed = await removeSponsor(megan, guest, PEOPLE.adele.id);
    expect(removed.confirmedByReading).toBe(false);
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.isaiah.id]);
  });

  it("is refused as forbidden for a team lead and a helpdesk administrator", async () => {
    for (const person of ["adele", "lee"]) {
      const failure = await failureOf(addSponsor(await signedIn(person), guest, PEOPLE.isaiah.id));
      expect(failure).toMatchObject({ code: "forbidden", status: 403 });
    }
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.adele.id]);
  });

  it("tells an existing sponsor and a missing one apart from other refusals", async () => {
    const megan = await signedIn("megan");
    const already = await failureOf(addSponsor(megan, guest, PEOPLE.adele.id));
    expect(isAlreadySponsor(already)).toBe(true);
    const missing = await failureOf(removeSponsor(megan, guest, PEOPLE.isaiah.id));
    expect(isNotFound(missing)).toBe(true);
  });

  it("after a lost answer asks Graph: done when the sponsor is there, never sent twice", async () => {
    localTenant().injectFault({
      path: `/v1.0/users/${guest}/sponsors/$ref`,
      kind: "act-then-status",
      status: 504,
    });
    const added = await addSponsor(await signedIn("megan"), guest, PEOPLE.isaiah.id);
    expect(added).toEqual({ confirmedByReading: true });
    expect(posts()).toHaveLength(1);
    expect(sponsorIdsOfGuest()).toContain(PEOPLE.isaiah.id);
  });

  it("after a 503 before Graph acted: not_sent, one request", async () => {
    localTenant().injectFault({
      path: `/v1.0/users/${guest}/sponsors/$ref`,
      kind: "status",
      status: 503,
      retryAfterSeconds: 0,
    });
    const failure = await failureOf(addSponsor(await signedIn("megan"), guest, PEOPLE.isaiah.id));
    expect(failure.code).toBe("not_sent");
    expect(posts()).toHaveLength(1);
    expect(sponsorIdsOfGuest()).toEqual([PEOPLE.adele.id]);
  });

  it("outcome_unknown when the sponsors cannot be read after the lost answer", async () => {
    localTenant().injectFault({
      path: `/v1.0/users/${guest}/sponsors/$ref`,
      kind: "act-then-drop",
    });
    localTenant().injectFault({
      path: `/v1.0/users/${guest}/sponsors`,
      method: "GET",
      kind: "status",
      status: 500,
      count: 10,
    });
    const failure = await failureOf(addSponsor(await signedIn("megan"), guest, PEOPLE.isaiah.id));
    expect(failure.code).toBe("outcome_unknown");
  });

  it("after an ambiguity, 'already a sponsor' and 'not a sponsor' mean done", async () => {
    const megan = await signedIn("megan");
    expect(await addSponsor(megan, guest, PEOPLE.adele.id, { afterAmbiguity: true })).toEqual({
      confirmedByReading: true,
    });
    expect(await removeSponsor(megan, guest, PEOPLE.isaiah.id, { afterAmbiguity: true })).toEqual({
      confirmedByReading: true,
    });
  });

  it("a removal whose answer was lost is settled by reading too", async () => {
    const path = `/v1.0/users/${guest}/sponsors/${PEOPLE.adele.id}/$ref`;
    localTenant().injectFault({ path, kind: "act-then-status", status: 502 });
    const removed = await removeSponsor(await signedIn("megan"), guest, PEOPLE.adele.id);
    expect(removed).toEqual({ confirmedByReading: true });
    expect(localTenant().requests({ pathPrefix: path, method: "DELETE" })).toHaveLength(1);
    expect(sponsorIdsOfGuest()).toEqual([]);
  });
});
