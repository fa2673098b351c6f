// Checks of a date and a timezone name with no schema library: the contract's schemas refine with
// them, and engine code that runs in a query worker (which never loads the schemas) calls them.

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function validDate(s: string): boolean {
  if (!isoDate.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * An IANA zone name (Europe/Berlin, UTC, Etc/GMT+5). Intl also takes a bare offset ("+05:30",
 * "-0800") as a zone, which the spec does not: an offset has no daylight saving, so a user's
 * `timezone` attribute of "+01:00" would read a Berlin summer an hour off where the spec falls back
 * to the query's zone, and a query naming one would be answered where it must be refused.
 */
export function isIanaTimezone(tz: string): boolean {
  return !/^[+\-\u2212]/.test(tz) && isTimezone(tz);
}

/**
 * Any zone Intl can read, offsets included: what a workspace file may hold (one written before
 * offsets were refused still opens, its answers as before).
 */
export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
