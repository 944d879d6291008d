import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, type AppLocale } from "./locales";
import { negotiateLocale } from "./negotiate-locale";
import { TIME_ZONE_COOKIE, timeZoneFromCookie } from "./time-zone";

// No locale in the URL (docs/architecture.md): the cookie, then Accept-Language, decide per request.
// Times follow the viewer's zone, which the browser reports in a cookie (components/i18n/viewer-time-zone.tsx).
export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale: AppLocale = negotiateLocale(
    cookieStore.get(LOCALE_COOKIE)?.value,
    headerStore.get("accept-language"),
  );
  const timeZone = timeZoneFromCookie(cookieStore.get(TIME_ZONE_COOKIE)?.value);
  const messages = (await import(`../../messages/${locale}.json`)).default;
  return { locale, messages, timeZone };
});
