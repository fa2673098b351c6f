import { dateInZone, startOfDate } from "../../../../src-main/time/zoned.ts";
import type { EventMatcher, Filter } from "../../../../src-preload/contract/common.ts";
import { satisfies, type Value } from "./filter.ts";

// The reference implementation's view of a workspace: plain arrays, no columns, no cleverness.

export type { Value };
export interface Ev {
  user: string;
  event: string;
  time: number;
  props: Record<string, Value>;
  seq: number;
}
export interface User {
  id: string;
  attrs: Record<string, Value>;
  createdAt: number | null;
}
export interface Log {
  users: User[];
  events: Ev[];
}

/** A user's events sorted by time, then import order. */
export function eventsOf(log: Log, user: string): Ev[] {
  return log.events.filter((e) => e.user === user).sort((a, b) => a.time - b.time || a.seq - b.seq);
}

export function passes(log: Log, e: Ev, filters: readonly Filter[] | undefined): boolean {
  const u = log.users.find((x) => x.id === e.user);
  return (filters ?? []).every((f) =>
    satisfies(f, f.scope === "user" ? u?.attrs[f.property] : e.props[f.property]),
  );
}

export function matches(log: Log, e: Ev, m: EventMatcher, where?: readonly Filter[]): boolean {
  return (m.event === null || e.event === m.event) && passes(log, e, m.where) && passes(log, e, where);
}

// --- calendar, the slow way: each event's local date through Intl

export function localDate(ms: number, tz: string): string {
  return dateInZone(ms, tz);
}
export function plusDays(d: string, n: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
}
export function periodOf(
  d: string,
  interval: "day" | "week" | "month",
  weekStart: "monday" | "sunday",
): string {
  if (interval === "day") return d;
  if (interval === "month") return `${d.slice(0, 7)}-01`;
  let x = d;
  const want = weekStart === "monday" ? 1 : 0;
  while (new Date(`${x}T00:00:00Z`).getUTCDay() !== want) x = plusDays(x, -1);
  return x;
}
export function nextPeriod(p: string, interval: "day" | "week" | "month"): string {
  if (interval === "day") return plusDays(p, 1);
  if (interval === "week") return plusDays(p, 7);
  const [y, m] = p.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}
export function periodsFromTo(first: string, last: string, interval: "day" | "week" | "month"): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, interval)) out.push(p);
  return out;
}
export function instant(d: string, tz: string): number {
  return startOfDate(d, tz);
}
