// Checks of a date and a timezone name with no schema library: the contract's schemas refine with
// them, and engine code that runs in a query worker (which never loads the schemas) calls them.

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function validDate(s: string): boolean {
  if (!isoDate.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
