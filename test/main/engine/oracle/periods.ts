import type {
  LifecycleQuery,
  RetentionQuery,
  StickinessQuery,
} from "../../../../src-preload/contract/queries.ts";
import type {
  LifecycleResult,
  RetentionResult,
  StickinessResult,
} from "../../../../src-preload/contract/results.ts";
import {
  eventsOf,
  instant,
  type Log,
  localDate,
  matches,
  nextPeriod,
  periodOf,
  periodsFromTo,
  plusDays,
} from "./log.ts";

// Retention, lifecycle and stickiness the slow way: every event's local date through Intl, its
// period as a date string, sets of strings per user.

type Opts = { tz: string; weekStart: "monday" | "sunday"; members?: Set<string> };

function fromTo(r: { from: string; to: string } | { last: number }): { from: string; to: string } {
  if (!("from" in r)) throw new Error("oracle takes from/to ranges");
  return r;
}

/** The wall-clock hour of an instant, as a label: `2024-03-10T01:00`. */
const clocks = new Map<string, Intl.DateTimeFormat>();
function hourLabel(t: number, tz: string): string {
  let f = clocks.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
    clocks.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:00`;
}

/** Every wall-clock hour the range's days hold, found by walking their instants a quarter hour at a time. */
function hoursOf(from: string, to: string, tz: string): string[] {
  const out: string[] = [];
  for (let t = instant(from, tz); t < instant(plusDays(to, 1), tz); t += 900_000) {
    const h = hourLabel(t, tz);
    if (!out.includes(h)) out.push(h);
  }
  return out;
}

export function oracleRetention(log: Log, q: RetentionQuery, o: Opts): RetentionResult {
  const r = fromTo(q.range);
  const interval = q.interval;
  const cohorts =
    interval === "hour"
      ? hoursOf(r.from, r.to, o.tz)
      : periodsFromTo(
          periodOf(r.from, interval, o.weekStart),
          periodOf(r.to, interval, o.weekStart),
          interval,
        );
  const lastEnd =
    interval === "hour" ? plusDays(r.to, 1) : nextPeriod(cohorts[cohorts.length - 1] as string, interval);
  const per = (t: number) =>
    interval === "hour" ? hourLabel(t, o.tz) : periodOf(localDate(t, o.tz), interval, o.weekStart);
  const brackets = q.brackets ?? [];
  const inBrackets = cohorts.map(() => brackets.map(() => 0));
  const rows = cohorts.map(() => new Array<number>(q.periods).fill(0));
  for (const u of log.users) {
    if (o.members && !o.members.has(u.id)) continue;
    const evs = eventsOf(log, u.id).filter((e) => localDate(e.time, o.tz) < lastEnd);
    const mode = q.mode ?? "recurring";
    let mine: string[] = [];
    if (mode === "recurring")
      mine = evs.filter((e) => matches(log, e, q.target, q.where)).map((e) => per(e.time));
    else if (mode === "firstTime") {
      const f = evs.find((e) => matches(log, e, q.target, q.where));
      if (f) mine = [per(f.time)];
    } else {
      const f = evs.find((e) => q.target.event === null || e.event === q.target.event);
      if (f && matches(log, f, q.target, q.where)) mine = [per(f.time)];
    }
    const returns = new Set(evs.filter((e) => matches(log, e, q.return, q.where)).map((e) => per(e.time)));
    cohorts.forEach((c, ci) => {
      if (!mine.includes(c)) return;
      for (let k = 0; k < q.periods; k++) {
        const pk = cohorts[ci + k];
        if (pk === undefined) break;
        const hit =
          k === 0 ||
          ((q.measure ?? "on") === "on"
            ? returns.has(pk)
            : cohorts.slice(ci + k).some((p) => returns.has(p)));
        if (hit) (rows[ci] as number[])[k] = ((rows[ci] as number[])[k] as number) + 1;
      }
      // a bracket: a return in any period cohort + from .. cohort + to that was read (on), or in
      // cohort + from or any later period read (onOrAfter)
      brackets.forEach((b, bi) => {
        const last = (q.measure ?? "on") === "on" ? ci + b.to : cohorts.length - 1;
        const read = cohorts.slice(ci + b.from, last + 1);
        const row = inBrackets[ci] as number[];
        if (read.some((p) => returns.has(p))) row[bi] = (row[bi] as number) + 1;
      });
    });
  }
  const table = cohorts.map((start, ci) => ({
    start,
    size: (rows[ci] as number[])[0] as number,
    values: rows[ci] as number[],
    incomplete: Math.max(0, ci + q.periods - cohorts.length),
    ...(brackets.length === 0
      ? {}
      : {
          brackets: inBrackets[ci] as number[],
          bracketsIncomplete: brackets.filter((b) => ci + b.to >= cohorts.length).length,
        }),
  }));
  return { cohorts: table, curve: oracleCurve(table, q.periods) };
}

/**
 * The curve as resources/docs/analysis-views.md words it: "the average over cohorts weighted by
 * cohort size, using only the cohorts for which the period is complete" (an empty cohort weighs
 * nothing; no complete cohort: no value).
 */
function oracleCurve(table: RetentionResult["cohorts"], periods: number): RetentionResult["curve"] {
  return Array.from({ length: periods }, (_, period) => {
    const counted = table.filter((c) => c.size > 0 && period < c.values.length - c.incomplete);
    const users = counted.reduce((sum, c) => sum + (c.values[period] ?? 0), 0);
    const base = counted.reduce((sum, c) => sum + c.size, 0);
    return { period, share: base === 0 ? null : users / base, users, base, cohorts: counted.length };
  });
}

export function oracleLifecycle(log: Log, q: LifecycleQuery, o: Opts): LifecycleResult {
  const r = fromTo(q.range);
  const ps = periodsFromTo(
    periodOf(r.from, q.interval, o.weekStart),
    periodOf(r.to, q.interval, o.weekStart),
    q.interval,
  );
  const per = (t: number) => periodOf(localDate(t, o.tz), q.interval, o.weekStart);
  const out = ps.map((start) => ({ start, new: 0, returning: 0, resurrecting: 0, dormant: 0 }));
  for (const u of log.users) {
    if (o.members && !o.members.has(u.id)) continue;
    const evs = eventsOf(log, u.id);
    if (evs.length === 0) continue;
    const active = new Set(evs.filter((e) => matches(log, e, q.event, q.where)).map((e) => per(e.time)));
    const created = per(u.createdAt ?? (evs[0] as { time: number }).time);
    ps.forEach((p, i) => {
      const now = active.has(p);
      const before = active.has(plusBack(p, q.interval));
      const row = out[i] as (typeof out)[number];
      if (now && created === p) row.new++;
      else if (now && before) row.returning++;
      else if (now) row.resurrecting++;
      else if (before) row.dormant--;
    });
  }
  return { periods: out };
}

function plusBack(p: string, interval: "day" | "week" | "month"): string {
  const d = new Date(`${p}T00:00:00Z`);
  if (interval === "day") d.setUTCDate(d.getUTCDate() - 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() - 7);
  else d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

export function oracleStickiness(log: Log, q: StickinessQuery, o: Opts): StickinessResult {
  const r = fromTo(q.range);
  const ps = periodsFromTo(
    periodOf(r.from, q.interval, o.weekStart),
    periodOf(r.to, q.interval, o.weekStart),
    q.interval,
  );
  const counts = ps.map(() => 0);
  for (const u of log.users) {
    if (o.members && !o.members.has(u.id)) continue;
    const active = new Set(
      eventsOf(log, u.id)
        .filter((e) => matches(log, e, q.event, q.where))
        .map((e) => periodOf(localDate(e.time, o.tz), q.interval, o.weekStart))
        .filter((p) => ps.includes(p)),
    );
    for (let k = 1; k <= ps.length; k++) {
      const hit = (q.mode ?? "exact") === "exact" ? active.size === k : active.size >= k;
      if (hit) counts[k - 1] = (counts[k - 1] as number) + 1;
    }
  }
  return { counts };
}
