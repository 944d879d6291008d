import { expect, type APIRequestContext } from "@playwright/test";

/** The local tenant the browser tests share (started by playwright.config.ts). */
export const TENANT_URL = `http://127.0.0.1:${process.env.E2E_TENANT_PORT ?? 4110}`;

export type PersonKey = "adele" | "lee" | "isaiah" | "pradeep" | "megan" | "nestor";

/** The seeded people (emulator/README.md), as the sign-in page and the account menu show them. */
export const PEOPLE: Record<PersonKey, { name: string; upn: string }> = {
  adele: { name: "Adele Vance", upn: "adele@contoso.onmicrosoft.com" },
  lee: { name: "Lee Gu", upn: "lee@contoso.onmicrosoft.com" },
  isaiah: { name: "Isaiah Langer", upn: "isaiah@contoso.onmicrosoft.com" },
  pradeep: { name: "Pradeep Gupta", upn: "pradeep@contoso.onmicrosoft.com" },
  megan: { name: "Megan Bowen", upn: "megan@contoso.onmicrosoft.com" },
  nestor: { name: "Nestor Wilke", upn: "nestor@contoso.onmicrosoft.com" },
};

export type FaultSpec = {
  path: string;
  method?: string;
  count?: number;
  kind: "status" | "hang" | "drop" | "act-then-status" | "act-then-drop" | "act-then-delay";
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
};

export type TenantInvitation = {
  id: string;
  invitedUserEmailAddress: string;
  inviteRedeemUrl: string;
  [key: string]: unknown;
};

async function control(
  request: APIRequestContext,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  data?: unknown,
): Promise<unknown> {
  const response = await request.fetch(`${TENANT_URL}/_emulator${path}`, {
    method,
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} /_emulator${path}: ${response.status()}`).toBe(true);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/** The control API of the local tenant (emulator/README.md), for arranging and checking tests. */
export function localTenant(request: APIRequestContext) {
  return {
    reset: (
      seed: "minimal" | "stale" | "demo" | "empty" = "minimal",
      settings?: Record<string, unknown>,
    ) => control(request, "POST", "/reset", { seed, ...(settings ? { settings } : {}) }),
    updateSettings: (patch: Record<string, unknown>) =>
      control(request, "PATCH", "/settings", patch),
    injectFault: (fault: FaultSpec) => control(request, "POST", "/faults", fault),
    clearFaults: () => control(request, "DELETE", "/faults"),
    seedGuests: (spec: {
      count: number;
      domain?: string;
      externalUserState?: "PendingAcceptance" | "Accepted" | "mixed";
      displayNamePrefix?: string;
      sponsorId?: string;
    }) => control(request, "POST", "/guests", spec),
    addUser: (user: Record<string, unknown>) => control(request, "POST", "/users", user),
    user: (idOrKey: string) =>
      control(request, "GET", `/users/${encodeURIComponent(idOrKey)}`) as Promise<
        Record<string, unknown>
      >,
    /** A group with its owners' and members' ids (emulator/README.md, "Groups"). */
    group: (id: string) =>
      control(request, "GET", `/groups/${encodeURIComponent(id)}`) as Promise<{
        id: string;
        displayName: string;
        ownerIds: string[];
        memberIds: string[];
      }>,
    revokeSessions: (idOrKey: string) =>
      control(request, "POST", `/users/${encodeURIComponent(idOrKey)}/revoke-sessions`),
    invitations: async (email?: string) => {
      const query = email ? `?email=${encodeURIComponent(email)}` : "";
      const body = (await control(request, "GET", `/invitations${query}`)) as
        TenantInvitation[] | { value: TenantInvitation[] };
      return Array.isArray(body) ? body : body.value;
    },
    /** Invitation e-mails the tenant sent to `to` (acted on, whether or not the answer arrived). */
    emailsSent: async (to: string) => {
      const body = (await control(request, "GET", `/emails?to=${encodeURIComponent(to)}`)) as {
        total: number;
      };
      return body.total;
    },
    requests: async (filter: { path?: string; method?: string } = {}) => {
      const query = new URLSearchParams(filter as Record<string, string>).toString();
      const body = (await control(request, "GET", `/requests${query ? `?${query}` : ""}`)) as
        { value: Array<Record<string, unknown>> } | Array<Record<string, unknown>>;
      return Array.isArray(body) ? body : body.value;
    },
    token: async (spec: {
      user: PersonKey | string;
      audience: "portal-api" | "graph";
      scopes?: string[];
      lifetimeSeconds?: number;
      issuedAtOffsetSeconds?: number;
    }) => {
      const body = (await control(request, "POST", "/tokens", spec)) as
        string | { access_token?: string; token?: string };
      return typeof body === "string" ? body : (body.access_token ?? body.token ?? "");
    },
  };
}
