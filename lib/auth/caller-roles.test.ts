import { afterEach, describe, expect, it, vi } from "vitest";
import { inProcessLocalTenant } from "@/test-support/in-process-local-tenant";
import { DIRECTORY_ROLES } from "./roles";
import { forgetDirectoryRoles, mayResetRedemption } from "./caller-roles";

const { tenant, signedIn } = inProcessLocalTenant("minimal");

afterEach(() => {
  vi.useRealTimers();
  forgetDirectoryRoles();
});

describe("roles read from Graph", () => {
  it("honours a role activated (PIM) after the portal first looked, at a check a little later", async () => {
    // Isaiah is a team lead: no directory role, none in his token.
    const caller = await signedIn("isaiah");
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    expect(await mayResetRedemption(caller)).toBe(false);

    tenant().activateRole("isaiah", DIRECTORY_ROLES.helpdeskAdministrator);
    // The same burst of checks shares the answer it just had…
    expect(await mayResetRedemption(caller)).toBe(false);
    // …and a check after it asks Graph again instead of refusing from a minutes-old answer.
    vi.setSystemTime(Date.now() + 11_000);
    expect(await mayResetRedemption(caller)).toBe(true);

    tenant().deactivateRole("isaiah", DIRECTORY_ROLES.helpdeskAdministrator);
    vi.setSystemTime(Date.now() + 11_000);
    // A role that granted is trusted for the cache's few minutes (docs/graph-behaviour.md).
    expect(await mayResetRedemption(caller)).toBe(true);
  });
});
