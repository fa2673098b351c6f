import type { JourneySpec } from "../../../helpers/journeys.ts";

// A slow, obvious reading of spec/queries.md "Best send hour": every event's local clock through its
// own Intl formatter, no shared calendar code with the engine.

export interface OracleUser {
  tz: string | null;
  times: number[];
}

export function localParts(ms: number, tz: string): { date: string; hour: number } {
  const f = new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}

/** An IANA name: every one has a letter; Intl also takes bare offsets ("+05:30"), which have none. */
function validZone(tz: string | null): tz is string {
  if (tz === null || !/[A-Za-z]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function argmax(a: number[]): number {
  let best = 0;
  a.forEach((v, i) => {
    if (v > (a[best] as number)) best = i;
  });
  return best;
}

/** [hour, weekday] of every user at as-of day `asOf` (YYYY-MM-DD in `queryTz`). */
export function sendTimeOracle(users: OracleUser[], queryTz: string, asOf: string): [number, number][] {
  const dayFrom = new Date(Date.parse(`${asOf}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
  const counts = users.map((u) => {
    const zone = validZone(u.tz) ? u.tz : queryTz;
    const hourDays = Array.from({ length: 24 }, () => new Set<string>());
    const weekDays = Array.from({ length: 7 }, () => new Set<string>());
    for (const t of u.times) {
      const qd = localParts(t, queryTz).date;
      if (qd < dayFrom || qd > asOf) continue;
      const { date, hour } = localParts(t, zone);
      hourDays[hour]?.add(date);
      weekDays[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]?.add(date);
    }
    return { h: hourDays.map((s) => s.size), w: weekDays.map((s) => s.size) };
  });
  const totH = Array.from({ length: 24 }, (_, i) => counts.reduce((s, c) => s + (c.h[i] as number), 0));
  const totW = Array.from({ length: 7 }, (_, i) => counts.reduce((s, c) => s + (c.w[i] as number), 0));
  return counts.map((c) =>
    c.h.every((v) => v === 0) ? [argmax(totH), argmax(totW) + 1] : [argmax(c.h), argmax(c.w) + 1],
  );
}

/** The users as journeys `u000`, `u001`, ... (ids sort as the list), each event named `x`. */
export function oracleSpec(users: OracleUser[]): JourneySpec {
  const spec: JourneySpec = {};
  users.forEach((u, i) => {
    spec[`u${String(i).padStart(3, "0")}`] = {
      events: u.times.map((t) => ["x", t] as [string, number]),
      attributes: u.tz === null ? { plan: "a" } : { timezone: u.tz },
    };
  });
  return spec;
}
