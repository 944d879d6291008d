import { randomBytes } from "node:crypto";

/**
 * How a sign-in was authenticated: methods as the v1 `amr` claim lists them, and the authentication
 * contexts (`acrs`) it satisfied. Sessions, codes and refresh tokens carry it, so a renewal keeps MFA
 * only if the original sign-in had it.
 */
export type Authentication = { methods: string[]; contexts: string[] };

export const PASSWORD_ONLY: Authentication = { methods: ["pwd"], contexts: [] };

export const hasMfa = (authentication: Authentication) => authentication.methods.includes("mfa");

export function withMfa(authentication: Authentication, contexts: string[] = []): Authentication {
  return {
    methods: hasMfa(authentication) ? authentication.methods : [...authentication.methods, "mfa"],
    contexts: [...new Set([...authentication.contexts, ...contexts])],
  };
}

/**
 * v2 access tokens carry no `amr`; Entra keeps what it needs for token reuse in the opaque `aio`
 * claim, and so does the local tenant (clients must not read it).
 */
export function encodeAio(authentication: Authentication): string {
  const state = Buffer.from(JSON.stringify([authentication.methods, authentication.contexts]));
  return `${randomBytes(6).toString("base64url")}.${state.toString("base64url")}`;
}

export function decodeAio(aio: unknown): Authentication {
  if (typeof aio !== "string") return PASSWORD_ONLY;
  try {
    const [methods, contexts] = JSON.parse(
      Buffer.from(aio.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as [unknown, unknown];
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
    return { methods: strings(methods), contexts: strings(contexts) };
  } catch {
    return PASSWORD_ONLY;
  }
}
