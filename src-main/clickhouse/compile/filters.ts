import type { EventMatcher, Filter, Scalar } from "../../../src-preload/contract/common.ts";
import { isSendTimeAttribute } from "../../engine/send-time/columns.ts";
import { noteProperty } from "../known-properties.ts";
import { num, str, strArray } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { refuse } from "./refuse.ts";
import { EVENT_LOWER, hourSql, weekdaySql } from "./virtual.ts";

// Filters of spec/queries.md as ClickHouse expressions over the layout's property arrays, with the
// local engine's semantics (engine/filters.ts): cross-type comparisons are false except neq /
// notIn / notContains, which are exact negations; ordering compares numbers with numbers and
// strings with strings; case-insensitive ops read the strings lowercased by JavaScript at push.

const TAG_NUMBER = 1;
const TAG_STRING = 2;
const TAG_BOOL = 3;

/** `p` for event properties, `a` for user attributes (see layout.ts). */
type Side = "p" | "a";

interface Col {
  tag: string;
  num: string;
  str: string;
  lower: string;
}

function col(side: Side, name: string): Col {
  noteProperty(side === "p" ? "event" : "user", name);
  const keySlotSql = `indexOf(${side}_keys, ${str(name)})`;
  return {
    tag: `${side}_types[${keySlotSql}]`,
    num: `${side}_num[${keySlotSql}]`,
    str: `${side}_str[${keySlotSql}]`,
    lower: `${side}_lower[${keySlotSql}]`,
  };
}

/**
 * A virtual event property (engine/virtual-props.ts) as a column: `$event` a string every event
 * has, `$hour` / `$weekday` numbers read in `tz`; null for a stored property.
 */
function virtualCol(name: string, field: string, tz: string | undefined): Col | null {
  if (name === "$event")
    return { tag: `toUInt8(${TAG_STRING})`, num: "toFloat64(0)", str: "event", lower: EVENT_LOWER };
  if (name !== "$hour" && name !== "$weekday") return null;
  if (tz === undefined)
    return refuse(`${field}.property`, `the virtual property ${name} needs the query's timezone here`);
  const v = name === "$hour" ? hourSql(tz) : weekdaySql(tz);
  return { tag: `toUInt8(${TAG_NUMBER})`, num: v, str: "''", lower: "''" };
}

function eq(c: Col, x: Scalar): string {
  if (typeof x === "number") return `(${c.tag} = ${TAG_NUMBER} AND ${c.num} = ${num(x)})`;
  if (typeof x === "string") return `(${c.tag} = ${TAG_STRING} AND ${c.str} = ${str(x)})`;
  return `(${c.tag} = ${TAG_BOOL} AND ${c.num} = ${x ? 1 : 0})`;
}

/**
 * The server orders strings by UTF-8 bytes (code points), the local engine by UTF-16 code units: the
 * two differ only between a code point in U+E000-U+FFFF and one above U+FFFF. Against a value with no
 * code point from U+E000 up, every string orders the same both ways (its first differing code point
 * is below U+D800, under both of theirs), so only such values are refused.
 */
// a UTF-16 unit from U+D800 up: a code point from U+E000 up, or half of one above U+FFFF
const ORDERS_DIFFERENTLY = /[\uD800-\uFFFF]/;

function ordered(c: Col, op: "<" | "<=" | ">" | ">=", x: Scalar, field: string): string {
  if (typeof x === "number") return `(${c.tag} = ${TAG_NUMBER} AND ${c.num} ${op} ${num(x)})`;
  if (typeof x === "string") {
    if (ORDERS_DIFFERENTLY.test(x))
      refuse(
        `${field}.value`,
        "a string with characters from U+E000 up orders differently by UTF-8 bytes than by UTF-16 units",
      );
    return `(${c.tag} = ${TAG_STRING} AND ${c.str} ${op} ${str(x)})`;
  }
  return "0";
}

function contains(c: Col, x: Scalar): string {
  if (typeof x !== "string") return "0";
  return `(${c.tag} = ${TAG_STRING} AND position(${c.lower}, ${str(x.toLowerCase())}) > 0)`;
}

function anyOf(parts: string[]): string {
  return parts.length === 0 ? "0" : `(${parts.join(" OR ")})`;
}

export function allOf(parts: readonly string[]): string {
  return parts.length === 0 ? "1" : `(${parts.join(" AND ")})`;
}

/**
 * `$bestSendHour` and `$bestSendWeekday` are computed from each user's events on this laptop; read
 * from the cluster's users table they would be missing for everyone, a wrong answer instead of none.
 */
export function refuseComputedAttribute(name: string, field: string): void {
  if (isSendTimeAttribute(name)) refuse(field, `${name} is computed from the events on this laptop`);
}

/**
 * One filter on a side's arrays; on events, `$event`, `$hour` and `$weekday` are the virtual
 * properties (read in `tz`, the query's timezone: without it the clock ones are refused).
 */
export function filterOn(side: Side, filter: Filter, field: string, tz?: string): string {
  if (side === "a") refuseComputedAttribute(filter.property, `${field}.property`);
  const column = (side === "p" ? virtualCol(filter.property, field, tz) : null) ?? col(side, filter.property);
  switch (filter.op) {
    case "eq":
      return eq(column, filter.value);
    case "neq":
      return `NOT ${eq(column, filter.value)}`;
    case "in":
      return anyOf(filter.value.map((x) => eq(column, x)));
    case "notIn":
      return `NOT ${anyOf(filter.value.map((x) => eq(column, x)))}`;
    case "gt":
      return ordered(column, ">", filter.value, field);
    case "gte":
      return ordered(column, ">=", filter.value, field);
    case "lt":
      return ordered(column, "<", filter.value, field);
    case "lte":
      return ordered(column, "<=", filter.value, field);
    case "between": {
      const [lo, hi] = filter.value;
      if (typeof lo !== typeof hi || typeof lo === "boolean") return "0";
      return `(${ordered(column, ">=", lo, field)} AND ${ordered(column, "<=", hi, field)})`;
    }
    case "contains":
      return contains(column, filter.value);
    case "notContains":
      return `NOT ${contains(column, filter.value)}`;
    case "startsWith": {
      const prefix = filter.value;
      if (typeof prefix !== "string") return "0";
      const low = prefix.toLowerCase();
      const bytes = Buffer.byteLength(low, "utf8");
      return `(${column.tag} = ${TAG_STRING} AND substring(${column.lower}, 1, ${bytes}) = ${str(low)})`;
    }
    case "isSet":
      return `(${column.tag} != 0)`;
    case "isNotSet":
      return `(${column.tag} = 0)`;
  }
}

/** Users whose attributes pass the filter (an IN set, evaluated on each shard). */
export function usersWhere(cond: string): string {
  return `user IN (SELECT user FROM users FINAL WHERE ${cond})`;
}

/** A filter on an event row: event properties, or the event's user's attributes. */
export function eventFilter(f: Filter, field: string, tz: string): string {
  return f.scope === "user" ? usersWhere(filterOn("a", f, field)) : filterOn("p", f, field, tz);
}

export function eventFilters(fs: readonly Filter[] | undefined, field: string, tz: string): string {
  return allOf((fs ?? []).map((f, i) => eventFilter(f, `${field}[${i}]`, tz)));
}

/**
 * An event matcher (its name and its own filters) and, optionally, the query's where; `tz` is the
 * query's zone, in which `$hour` and `$weekday` are read (required, so no caller can leave them out).
 */
export function matcherSql(
  m: EventMatcher,
  where: readonly Filter[] | undefined,
  field: string,
  tz: string,
): string {
  const parts: string[] = [];
  if (m.event !== null) parts.push(`event = ${str(m.event)}`);
  (m.where ?? []).forEach((f, i) => {
    parts.push(eventFilter(f, `${field}.where[${i}]`, tz));
  });
  (where ?? []).forEach((f, i) => {
    parts.push(eventFilter(f, `where[${i}]`, tz));
  });
  return allOf(parts);
}

/**
 * A matcher that counts user activity, as engine/activity.ts: "any event" leaves out the workspace's
 * not-activity events (message deliveries by default); an event the query names always counts.
 */
export function activitySql(
  ctx: ChContext,
  m: EventMatcher,
  where: readonly Filter[] | undefined,
  field: string,
): string {
  const base = matcherSql(m, where, field, ctx.timezone);
  if (m.event !== null || ctx.settings.notActivity.length === 0) return base;
  return `${base} AND NOT has(${strArray(ctx.settings.notActivity)}, event)`;
}
