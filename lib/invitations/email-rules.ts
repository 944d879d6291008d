import { invisibleProblem, unstorableProblem } from "./hostile-characters";

/** A rule an address broke: an i18n key under "validation." plus what the message interpolates. */
export type EmailProblem = { key: string; params?: Record<string, string> };

/**
 * Characters Graph rejects in an invited address (docs/graph-behaviour.md#email-address-rules, POST /invitations). "+" is listed
 * there too but gets its own message, because plus-addressing is a deliberate feature people rely on.
 */
export const FORBIDDEN_EMAIL_CHARACTERS = [
  "~",
  "!",
  "#",
  "$",
  "%",
  "^",
  "&",
  "*",
  "(",
  ")",
  "=",
  "[",
  "]",
  "{",
  "}",
  "\\",
  "/",
  "|",
  ";",
  ":",
  '"',
  "<",
  ">",
  "?",
  ",",
] as const;

const MAX_EMAIL_LENGTH = 254;
const LOCAL_PART = /^[^\s@]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

function hasValidDomain(domain: string): boolean {
  const labels = domain.split(".");
  const topLevel = labels.at(-1) ?? "";
  return (
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(topLevel)
  );
}

/**
 * The first of Graph's address rules that `address` breaks, most specific first, so the person sees
 * the message that tells them what to change. `undefined` when the address is acceptable.
 */
export function findEmailProblem(address: string): EmailProblem | undefined {
  const hostile = unstorableProblem(address) ?? invisibleProblem(address);
  if (hostile) return hostile;
  if (address.includes("+")) return { key: "validation.email.plusAddressing" };
  const forbidden = [...address].find((character) =>
    (FORBIDDEN_EMAIL_CHARACTERS as readonly string[]).includes(character),
  );
  if (forbidden !== undefined)
    return { key: "validation.email.forbiddenCharacter", params: { character: forbidden } };

  const at = address.indexOf("@");
  if (at <= 0 || at !== address.lastIndexOf("@")) return { key: "validation.email.format" };
  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1);

  const first = localPart.charAt(0);
  const last = localPart.charAt(localPart.length - 1);
  if (first === "." || first === "-")
    return { key: "validation.email.edgeCharacter", params: { character: first } };
  if (last === "." || last === "-")
    return { key: "validation.email.edgeCharacter", params: { character: last } };

  if (
    address.length > MAX_EMAIL_LENGTH ||
    !LOCAL_PART.test(localPart) ||
    localPart.includes("..") ||
    !hasValidDomain(domain)
  ) {
    return { key: "validation.email.format" };
  }
  return undefined;
}
