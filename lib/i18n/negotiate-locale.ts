import "server-only";
import { match } from "@formatjs/intl-localematcher";
import { defaultLocale, isAppLocale, locales, type AppLocale } from "./locales";

// Apart from locales.ts, which the language switcher imports: the matcher's data never reaches the browser.

/** Language ranges from an Accept-Language header, best first ("es-MX,es;q=0.9,en;q=0.5"). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [range = "", ...parameters] = part.trim().split(";");
      const quality = parameters
        .map((parameter) => parameter.trim())
        .find((parameter) => parameter.startsWith("q="));
      const q = quality === undefined ? 1 : Number(quality.slice(2));
      return { range: range.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ range, q }) => range !== "" && range !== "*" && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ range }) => range);
}

function isWellFormedTag(range: string): boolean {
  try {
    return Intl.getCanonicalLocales(range).length === 1;
  } catch {
    return false;
  }
}

/**
 * The person's choice (cookie) wins, then the browser's languages, then English. RFC 4647 lookup: the
 * first range, by quality, that names or narrows a supported locale ("es-MX" → "es").
 */
export function negotiateLocale(
  cookieValue: string | undefined,
  acceptLanguage: string | null | undefined,
): AppLocale {
  if (isAppLocale(cookieValue)) return cookieValue;
  // The matcher throws on a malformed tag; a browser (or a bot) may send one.
  const requested = parseAcceptLanguage(acceptLanguage).filter(isWellFormedTag);
  const chosen = match(requested, locales, defaultLocale, { algorithm: "lookup" });
  return isAppLocale(chosen) ? chosen : defaultLocale;
}
