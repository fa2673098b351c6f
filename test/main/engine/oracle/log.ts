import { dateInZone, startOfDate } from "../../../../src-main/time/zoned.ts";
import type { EventMatcher, Filter, Scalar } from "../../../../src-preload/contract/common.ts";

// The reference implementation's view of a workspace: plain arrays, no columns, no cleverness.

export type Value = string | number | boolean | null;
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

function same(a: Value, b: Scalar): boolean {
  return a !== null && typeof a === typeof b && a === b;
}
function ord(a: Value, b: Scalar): boolean {
  return a !== null && typeof a === typeof b && typeof a !== "boolean";
}
function has(a: Value, b: Scalar): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase().includes(b.toLowerCase());
}

export function test(f: Filter, v0: Value | undefined): boolean {
  const v = v0 === undefined ? null : v0;
  switch (f.op) {
    case "eq":
      return same(v, f.value);
    case "neq":
      return !same(v, f.value);
    case "in":
      return f.value.some((x) => same(v, x));
    case "notIn":
      return !f.value.some((x) => same(v, x));
    case "gt":
      return ord(v, f.value) && (v as number) > (f.value as number);
    case "gte":
      return ord(v, f.value) && (v as number) >= (f.value as number);
    case "lt":
      return ord(v, f.value) && (v as number) < (f.value as number);
    case "lte":
      return ord(v, f.value) && (v as number) <= (f.value as number);
    case "between":
      return (
        ord(v, f.value[0]) &&
        ord(v, f.value[1]) &&
        (v as number) >= (f.value[0] as number) &&
        (v as number) <= (f.value[1] as number)
      );
    case "contains":
      return has(v, f.value);
    case "notContains":
      return !has(v, f.value);
    case "startsWith":
      return (
        typeof v === "string" &&
        typeof f.value === "string" &&
        v.toLowerCase().startsWith(f.value.toLowerCase())
      );
    case "isSet":
      return v !== null;
    case "isNotSet":
      return v === null;
  }
}

export function passes(log: Log, e: Ev, filters: readonly Filter[] | undefined): boolean {
  const u = log.users.find((x) => x.id === e.user);
  return (filters ?? []).every((f) =>
    test(f, f.scope === "user" ? u?.attrs[f.property] : e.props[f.property]),
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
