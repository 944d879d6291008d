import { z } from "zod";

/*
 * Characters that must never reach Graph or the history. NUL cannot be stored by PostgreSQL at all;
 * invisible and direction-changing characters make look-alike addresses and names ("ana\u202Emoc.x"
 * reads as another address); CR, LF and TAB are silently dropped by URL parsers, so a redirect URL
 * with them would be forwarded as something other than what the person reviewed.
 */

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const URL_WHITESPACE = /[\r\n\t]/;
// Half of a surrogate pair: not text at all, and encodeURIComponent throws on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The character as U+XXXX, for a message that must name something the person cannot see. */
function codePointOf(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

export type CharacterProblem = { key: string; params?: Record<string, string> };

/** NUL, or a broken character (a lone surrogate): neither can be stored, sent or shown. */
export function unstorableProblem(value: string): CharacterProblem | undefined {
  if (value.includes("\u0000")) return { key: "validation.nulCharacter" };
  return LONE_SURROGATE.test(value) ? { key: "validation.invalid" } : undefined;
}

export function invisibleProblem(value: string): CharacterProblem | undefined {
  const found = INVISIBLE.exec(value)?.[0];
  return found === undefined
    ? undefined
    : { key: "validation.invisibleCharacter", params: { character: codePointOf(found) } };
}

export function urlWhitespaceProblem(value: string): CharacterProblem | undefined {
  return URL_WHITESPACE.test(value) ? { key: "validation.redirectUrl.whitespace" } : undefined;
}

export function addCharacterProblem(
  ctx: z.RefinementCtx,
  problem: CharacterProblem | undefined,
): boolean {
  if (!problem) return false;
  ctx.addIssue({
    code: "custom",
    message: problem.key,
    ...(problem.params ? { params: problem.params } : {}),
  });
  return true;
}

/** Free text (names, messages) never holds NUL. */
export function refuseNul(value: string | undefined, ctx: z.RefinementCtx): void {
  if (value !== undefined) addCharacterProblem(ctx, unstorableProblem(value));
}

/** Names are shown to people: nothing invisible (a NUL is reported once, by refuseNul). */
export function refuseInvisible(value: string | undefined, ctx: z.RefinementCtx): void {
  if (value !== undefined && !unstorableProblem(value))
    addCharacterProblem(ctx, invisibleProblem(value));
}

/** A plain string input (search box, file name, address to look up) that refuses NUL as a field error. */
export function textWithoutNul(error = "validation.invalid") {
  return z.string({ error }).superRefine((value, ctx) => {
    addCharacterProblem(ctx, unstorableProblem(value));
  });
}
