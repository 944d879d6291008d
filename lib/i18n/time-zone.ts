/** The browser writes its IANA time zone here so that server-rendered times match the viewer's. */
export const TIME_ZONE_COOKIE = "NEXT_TIME_ZONE";
export const TIME_ZONE_COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 365;
/** Until the browser has told us, times render in UTC (and say so), never silently in the server's zone. */
export const FALLBACK_TIME_ZONE = "UTC";

/** True for a zone this runtime's Intl knows ("Europe/Madrid"); rejects anything a cookie could smuggle. */
export function isTimeZone(value: string | undefined | null): value is string {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function timeZoneFromCookie(value: string | undefined): string {
  return isTimeZone(value) ? value : FALLBACK_TIME_ZONE;
}

/** An exact moment, labelled with its zone ("Dec 1, 2026, 3:45 PM GMT+1") so nobody guesses which. */
export const EXACT_TIME_FORMAT = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
} as const satisfies Intl.DateTimeFormatOptions;
