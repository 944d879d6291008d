export const locales = ["en", "es"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "en";

/** next-intl's conventional cookie name; the language switcher writes it, the request config reads it. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 365;

export function isAppLocale(value: string | undefined): value is AppLocale {
  return (locales as readonly string[]).includes(value ?? "");
}
