import { z } from "zod";

/** The signed-in person, taken from the validated access token's claims only. */
export type Caller = {
  oid: string;
  tid: string;
  name: string;
  /** The `preferred_username` claim: the sign-in name, usually the UPN. */
  upn: string;
  /** App roles assigned in the portal's app registration. */
  roles: string[];
  /** Directory role template ids (e.g. User Administrator). */
  wids: string[];
  /** The portal-API token itself, kept only for the on-behalf-of exchange. Non-enumerable so it stays out of logs and JSON. */
  rawToken: string;
};

const claimsSchema = z.object({
  oid: z.string().min(1),
  tid: z.string().min(1),
  scp: z.string().min(1),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  roles: z.array(z.string()).optional(),
  wids: z.array(z.string()).optional(),
});

export type CallerClaims = z.output<typeof claimsSchema>;

export function parseCallerClaims(payload: unknown): CallerClaims | undefined {
  const result = claimsSchema.safeParse(payload);
  return result.success ? result.data : undefined;
}

export function callerFromClaims(claims: CallerClaims, rawToken: string): Caller {
  const caller = {
    oid: claims.oid,
    tid: claims.tid,
    name: claims.name ?? claims.preferred_username ?? "",
    upn: claims.preferred_username ?? "",
    roles: claims.roles ?? [],
    wids: claims.wids ?? [],
  };
  Object.defineProperty(caller, "rawToken", { value: rawToken, enumerable: false });
  return caller as Caller;
}
