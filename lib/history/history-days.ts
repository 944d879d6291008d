// Browser-safe: the history filter's calendar days as instants, in the viewer's own time zone.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds (Tokyo +9 h, Los Angeles −7/−8 h). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  const wallClock = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

function parseDay(day: string): number {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`not a calendar day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/**
 * When `day` (YYYY-MM-DD, as a date input gives it) begins in `timeZone`: midnight there, or the
 * first moment of the day where a clock change skips midnight.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const midnightUtc = parseDay(day);
  // Near a clock change the offset at the guess differs from the one at the answer: try both, and
  // keep the earliest instant whose wall clock there is already on `day`.
  const first = midnightUtc - offsetMs(midnightUtc, timeZone);
  const second = midnightUtc - offsetMs(first, timeZone);
  const onDay = (instant: number) => instant + offsetMs(instant, timeZone) >= midnightUtc;
  const candidates = [first, second].filter(onDay);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second));
}

/** When the day after `day` begins in `timeZone`: the end (exclusive) of a range that includes `day`. */
export function endOfDay(day: string, timeZone: string): Date {
  const next = new Date(parseDay(day) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return startOfDay(next, timeZone);
}
