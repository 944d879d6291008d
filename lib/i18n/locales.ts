export const locales = ["en", "es"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "en";

/** next-intl's conventional cookie name; the language switcher writes it, the request config reads it. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 365;

export function isAppLocale(value: string | undefined): value is AppLocale {
  return (locales as readonly string[]).includes(value ?? "");
}

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

/** The person's choice (cookie) wins, then the browser's languages, then English. */
export function negotiateLocale(
  cookieValue: string | undefined,
  acceptLanguage: string | null | undefined,
): AppLocale {
  if (isAppLocale(cookieValue)) return cookieValue;
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    const language = range.split("-")[0];
    if (isAppLocale(language)) return language;
  }
  return defaultLocale;
}
