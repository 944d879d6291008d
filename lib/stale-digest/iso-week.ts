/** The ISO 8601 week of a moment, in UTC: "2026-W49". Weeks start on Monday; week 1 holds January 4th. */
export function isoWeekOf(moment: Date): string {
  const day = new Date(
    Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()),
  );
  const weekday = day.getUTCDay() || 7; // Monday 1 … Sunday 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const year = day.getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1);
  const week = Math.ceil(((day.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** A source of the current time; tests pass their own instead of waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
