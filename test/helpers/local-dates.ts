// Dates as the slow references of the metric tests compute them, from Intl and string arithmetic
// alone (never the engine's calendar): an instant's local date in a timezone, a date some days on,
// and the start of its day, week or month.

/** The local date (YYYY-MM-DD) of instant `t` in timezone `zone`. */
export function localDate(t: number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(t));
}

/** The date `n` days after `date` (negative: before). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The first date of `date`'s day, week (from `weekStart`) or month. */
export function periodStart(
  date: string,
  interval: "day" | "week" | "month",
  weekStart: "monday" | "sunday",
): string {
  if (interval === "day") return date;
  if (interval === "month") return `${date.slice(0, 8)}01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = weekStart === "sunday" ? weekday : (weekday + 6) % 7;
  return addDays(date, -back);
}
