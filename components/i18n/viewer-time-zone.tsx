"use client";

import { NextIntlClientProvider, useLocale, useTimeZone } from "next-intl";
import { useEffect, useSyncExternalStore, type ReactNode } from "react";
import {
  TIME_ZONE_COOKIE,
  TIME_ZONE_COOKIE_MAX_AGE_SECONDS,
  isTimeZone,
} from "@/lib/i18n/time-zone";

const subscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Formats every time in the viewer's own zone. The server renders in the zone the browser reported
 * last time (a cookie; UTC before that); after hydration the browser's own zone takes over, and the
 * cookie is refreshed so the next server render already matches.
 */
export function ViewerTimeZone({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const serverZone = useTimeZone();
  const zone = useSyncExternalStore(subscribe, browserTimeZone, () => serverZone);

  useEffect(() => {
    if (isTimeZone(zone) && zone !== serverZone) {
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${TIME_ZONE_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
    }
  }, [zone, serverZone]);

  return (
    <NextIntlClientProvider locale={locale} timeZone={isTimeZone(zone) ? zone : serverZone}>
      {children}
    </NextIntlClientProvider>
  );
}
