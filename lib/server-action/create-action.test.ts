import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AuthError } from "@/lib/auth/auth-error";
import { forgetDirectoryRoles } from "@/lib/auth/caller-roles";
import { DIRECTORY_ROLES, OVERSIGHT_ROLES, RESET_REDEMPTION_ROLES } from "@/lib/auth/roles";
import { LOCAL_TENANT } from "@/lib/config/local-tenant";
import { GraphFailure } from "@/lib/graph/graph-failure";
import { startDraining } from "@/lib/health/draining";
import { inFlightCount } from "@/lib/observability/request-context";
import { ActionFailure } from "./action-failure";
import { createAction } from "./create-action";
import { captureLog } from "@/test-support/captured-log";
import { startScriptedLocalTenant } from "@/test-support/scripted-local-tenant";

let tenant: Awaited<ReturnType<typeof startScriptedLocalTenant>>;
beforeAll(async () => {
  tenant = await startScriptedLocalTenant();
});
afterAll(() => tenant.close());
afterEach(() => {
  vi.restoreAllMocks();
  tenant.reset();
  forgetDirectoryRoles();
});

const directoryRoles = (...roleTemplateIds: string[]) => ({
  status: 200,
  body: { value: roleTemplateIds.map((roleTemplateId) => ({ roleTemplateId })) },
});

const now = () => Math.floor(Date.now() / 1000);
const schema = z.object({
  values: z.object({
    email: z.string().min(1, { error: "validation.email.required" }),
    count: z.number().max(3),
  }),
  key: z.string(),
});

function action(
  handler = vi.fn(async () => "done"),
  requiredRoles?: typeof RESET_REDEMPTION_ROLES,
) {
  return {
    handler,
    run: createAction({
      name: "test",
      schema,
      formPath: "values",
      handler,
      ...(requiredRoles ? { requiredRoles } : {}),
    }),
  };
}

const validInput = { values: { email: "guest@fabrikam.com", count: 1 }, key: "k" };

describe("createAction", () => {
  it("runs the handler with the parsed input and the caller from the token", async () => {
    const { handler, run } = action();
    const result = await run(await tenant.issuer.sign({ name: "Megan Bowen" }), validInput);
    expect(result).toEqual({ ok: true, data: "done" });
    expect(handler).toHaveBeenCalledWith(validInput, {
      caller: expect.objectContaining({ name: "Megan Bowen" }),
    });
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ["no token", async () => undefined, "unauthenticated"],
    ["an empty token", async () => "", "unauthenticated"],
    [
      "an expired token",
      () => tenant.issuer.sign({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 300 }),
      "session_expired",
    ],
    ["a forged signature", () => tenant.issuer.sign({}, { key: "foreign" }), "unauthenticated"],
    [
      "a token for another audience",
      () => tenant.issuer.sign({ aud: "00000003-0000-0000-c000-000000000000" }),
      "unauthenticated",
    ],
    [
      "a token from another tenant",
      () => tenant.issuer.sign({ tid: "11111111-2222-4333-8444-555555555555" }),
      "unauthenticated",
    ],
  ])("refuses %s before reading input or calling Graph", async (_case, makeToken, code) => {
    const { handler, run } = action();
    const result = await run((await makeToken()) as string, { not: "even valid" });
    expect(result).toEqual({ ok: false, error: { code } });
    expect(handler).not.toHaveBeenCalled();
    expect(tenant.received).toHaveLength(0);
  });

  it("refuses a caller without a required role, neither in the token nor in Graph", async () => {
    tenant.answer(directoryRoles(DIRECTORY_ROLES.guestInviter));
    const { handler, run } = action(undefined, RESET_REDEMPTION_ROLES);
    expect(await run(await tenant.issuer.sign(), validInput)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(tenant.received.map((request) => request.url)).toEqual([
      "/v1.0/me/memberOf/microsoft.graph.directoryRole?$select=roleTemplateId",
    ]);
  });

  it("admits a directory role from wids without asking Graph", async () => {
    const { run } = action(undefined, RESET_REDEMPTION_ROLES);
    const helpdesk = await tenant.issuer.sign({ wids: [DIRECTORY_ROLES.helpdeskAdministrator] });
    expect((await run(helpdesk, validInput)).ok).toBe(true);
    expect(tenant.received).toHaveLength(0);
  });

  it("admits a directory role the token lacks (no wids, or activated later) from Graph, once per person for a while", async () => {
    tenant.answer(directoryRoles(DIRECTORY_ROLES.userAdministrator));
    const { run } = action(undefined, RESET_REDEMPTION_ROLES);
    expect((await run(await tenant.issuer.sign(), validInput)).ok).toBe(true);
    expect((await run(await tenant.issuer.sign({ wids: [] }), validInput)).ok).toBe(true);
    expect(tenant.received).toHaveLength(1);
    expect(tenant.oboScopes.at(-1)?.split(" ")).toContain("https://graph.microsoft.com/User.Read");
  });

  it("lets the oversight app role see everything but not reset (Graph would refuse)", async () => {
    tenant.always(directoryRoles());
    const delegated = await tenant.issuer.sign({ roles: ["Invitations.Oversee"] });
    expect((await action(undefined, OVERSIGHT_ROLES).run(delegated, validInput)).ok).toBe(true);
    expect(await action(undefined, RESET_REDEMPTION_ROLES).run(delegated, validInput)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("returns field errors keyed by form field, with the schema's i18n keys and params", async () => {
    const { handler, run } = action();
    const result = await run(await tenant.issuer.sign(), { values: { email: "", count: 9 } });
    expect(result).toEqual({
      ok: false,
      error: { code: "validation" },
      fieldErrors: {
        email: [{ key: "validation.email.required", params: { minimum: 1 } }],
        count: [{ key: "validation.invalid", params: { maximum: 3 } }],
        key: [{ key: "validation.invalid" }],
      },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each<[string, unknown, object]>([
    [
      "a Graph failure",
      new GraphFailure("throttled", { requestId: "rid", retryAfterSeconds: 3 }),
      { code: "throttled", requestId: "rid", retryAfterSeconds: 3 },
    ],
    ["an on-behalf-of failure", new AuthError("session_expired"), { code: "session_expired" }],
    [
      "a claims challenge",
      new AuthError("claims_challenge", "", { details: { claims: '{"access_token":{}}' } }),
      { code: "claims_challenge", claims: '{"access_token":{}}' },
    ],
    [
      "missing consent, for someone who may not grant it",
      new AuthError("consent_required", "", { details: { permission: "User.Read.All" } }),
      { code: "consent_required", permission: "User.Read.All" },
    ],
    [
      "an action failure",
      new ActionFailure("duplicate_in_progress"),
      { code: "duplicate_in_progress" },
    ],
  ])("returns %s as its code", async (_case, error, expected) => {
    const { run } = action(vi.fn(async () => Promise.reject(error)));
    expect(await run(await tenant.issuer.sign(), validInput)).toEqual({
      ok: false,
      error: expected,
    });
  });

  it("gives administrators who may grant consent the admin-consent link", async () => {
    const { run } = action(
      vi.fn(async () =>
        Promise.reject(
          new AuthError("consent_required", "", { details: { permission: "User.ReadWrite.All" } }),
        ),
      ),
    );
    const globalAdmin = await tenant.issuer.sign({ wids: [DIRECTORY_ROLES.globalAdministrator] });
    expect(await run(globalAdmin, validInput)).toEqual({
      ok: false,
      error: {
        code: "consent_required",
        permission: "User.ReadWrite.All",
        adminConsentUrl: `https://login.local-tenant.invalid/${LOCAL_TENANT.tenantId}/adminconsent?client_id=${LOCAL_TENANT.clientId}`,
      },
    });
  });

  it("returns an unexpected failure as internal and logs no token", async () => {
    const log = captureLog();
    const token = await tenant.issuer.sign();
    const { run } = action(vi.fn(async () => Promise.reject(new TypeError(`boom ${token}`))));
    expect(await run(token, validInput)).toEqual({ ok: false, error: { code: "internal" } });
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 50, action: "test", requestId: expect.any(String) }),
    );
    expect(log.text()).toContain("boom");
    expect(log.text()).not.toContain(token);
  });

  describe("while the instance drains (SIGTERM)", () => {
    afterEach(() => {
      // The flag is process-wide; this file's other tests run on an instance that is not stopping.
      delete (globalThis as Record<symbol, unknown>)[
        Symbol.for("guest-invitations-portal.draining")
      ];
    });

    it("refuses every call with `draining` before reading the token or the input, and runs nothing", async () => {
      const { handler, run } = action();
      const token = await tenant.issuer.sign();
      startDraining();
      const calls = [run(token, validInput), run("not a token", { nonsense: true })];
      expect(inFlightCount()).toBe(0);
      expect(await Promise.all(calls)).toEqual([
        { ok: false, error: { code: "draining" } },
        { ok: false, error: { code: "draining" } },
      ]);
      expect(handler).not.toHaveBeenCalled();
      expect(tenant.received).toEqual([]);
    });
  });
});
