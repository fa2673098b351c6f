import type { EventMatcher, Filter, Scalar } from "../../src-preload/contract/common.ts";
import {
  type PropColumn,
  type PropValue,
  TAG_BOOL,
  TAG_NUMBER,
  TAG_STRING,
  type Timeline,
} from "./columns/types.ts";
import type { EngineContext } from "./context.ts";
import { userColumnIn } from "./send-time/columns.ts";
import { outOfBounds } from "./typed-index.ts";
import { compileVirtual, isVirtualProp } from "./virtual-props.ts";

// Filters of spec/queries.md compiled to predicates over columns. A filter is decided once per
// distinct string of the column's dictionary, so the per-event cost is a tag read and an array look-up.
//
// Cross-type comparisons are false, except neq / notIn / notContains, which are the exact negations
// of eq / in / contains (so true across types and when the property is missing). Ordering ops
// (gt, gte, lt, lte, between) compare numbers with numbers and strings with strings (code-point
// order); booleans only take eq / neq / in / notIn / isSet / isNotSet.

function sameType(a: PropValue, b: Scalar): boolean {
  return a !== null && typeof a === typeof b;
}

function eq(v: PropValue, x: Scalar): boolean {
  return sameType(v, x) && v === x;
}

function ordered(v: PropValue, x: Scalar): boolean {
  return sameType(v, x) && typeof v !== "boolean";
}

function contains(v: PropValue, x: Scalar): boolean {
  return typeof v === "string" && typeof x === "string" && v.toLowerCase().includes(x.toLowerCase());
}

/** The filter's verdict on one value (null = missing). */
export function matchValue(value: PropValue, filter: Filter): boolean {
  switch (filter.op) {
    case "eq":
      return eq(value, filter.value);
    case "neq":
      return !eq(value, filter.value);
    case "in":
      return filter.value.some((x) => eq(value, x));
    case "notIn":
      return !filter.value.some((x) => eq(value, x));
    case "gt":
      return ordered(value, filter.value) && (value as number | string) > (filter.value as number | string);
    case "gte":
      return ordered(value, filter.value) && (value as number | string) >= (filter.value as number | string);
    case "lt":
      return ordered(value, filter.value) && (value as number | string) < (filter.value as number | string);
    case "lte":
      return ordered(value, filter.value) && (value as number | string) <= (filter.value as number | string);
    case "between": {
      const [lo, hi] = filter.value;
      return (
        ordered(value, lo) &&
        ordered(value, hi) &&
        (value as number | string) >= (lo as number | string) &&
        (value as number | string) <= (hi as number | string)
      );
    }
    case "contains":
      return contains(value, filter.value);
    case "notContains":
      return !contains(value, filter.value);
    case "startsWith":
      return (
        typeof value === "string" &&
        typeof filter.value === "string" &&
        value.toLowerCase().startsWith(filter.value.toLowerCase())
      );
    case "isSet":
      return value !== null;
    case "isNotSet":
      return value === null;
  }
}

export type SlotPredicate = (slot: number) => boolean;

/** A filter over one column (slot = event position or user index). */
export function compileOnColumn(col: PropColumn, f: Filter): SlotPredicate {
  const onMissing = matchValue(null, f);
  const strOk = new Uint8Array(col.dict.length);
  col.dict.forEach((s, k) => {
    strOk[k] = matchValue(s, f) ? 1 : 0;
  });
  const boolOk = [matchValue(false, f), matchValue(true, f)];
  const { tag, num, str } = col;
  return (i) => {
    const t = tag[i];
    if (t === TAG_STRING) return strOk[str[i] ?? outOfBounds()] === 1;
    if (t === TAG_NUMBER) return matchValue(num[i] ?? outOfBounds(), f);
    if (t === TAG_BOOL) return boolOk[num[i] ?? outOfBounds()] === true;
    return onMissing;
  };
}

/** Tests one event position; `user` is its user index (for user-scope filters). */
export type EventPredicate = (pos: number, user: number) => boolean;

export interface CompiledMatcher {
  /** event-name code; -1 any event; 0 an unknown name (matches nothing) */
  code: number;
  /** the filters (matcher's and query's), or null when there are none */
  test: EventPredicate | null;
}

/**
 * The filters as one predicate, or null when there are none. The context's timezone is the one the
 * virtual event properties `$hour` and `$weekday` are read in (see virtual-props.ts); its as-of day
 * is the one the computed user attributes `$bestSendHour` and `$bestSendWeekday` are computed at.
 */
export function compileFilters(ctx: EngineContext, filters: readonly Filter[]): EventPredicate | null {
  if (filters.length === 0) return null;
  const { tl, timezone: tz } = ctx;
  const preds = filters.map((f): EventPredicate => {
    if (f.scope === "user") {
      const p = compileOnColumn(userColumnIn(ctx, f.property), f);
      return (_pos, user) => p(user);
    }
    const { property } = f;
    if (isVirtualProp(property)) return compileVirtual(tl, tz, { ...f, property }, matchValue);
    const p = compileOnColumn(tl.propColumn(f.property), f);
    return (pos) => p(pos);
  });
  if (preds.length === 1) return preds[0] ?? outOfBounds();
  return (pos, user) => {
    for (const p of preds) if (!p(pos, user)) return false;
    return true;
  };
}

export function compileMatcher(
  ctx: EngineContext,
  m: EventMatcher | null,
  where: readonly Filter[] | undefined,
): CompiledMatcher {
  return { code: matcherCode(ctx.tl, m), test: compileFilters(ctx, [...(m?.where ?? []), ...(where ?? [])]) };
}

/**
 * The code of the matcher's event name, whatever its filters: the only events it can take. -1 when
 * it names no event (any event); 0, which no event has, for a name no event has.
 */
export function matcherCode(tl: Timeline, m: EventMatcher | null | undefined): number {
  return m == null || m.event === null ? -1 : Math.max(0, tl.eventCode(m.event));
}

export function matcherPredicate(tl: Timeline, cm: CompiledMatcher): EventPredicate {
  const { code, test } = cm;
  const codes = tl.eventCodes;
  if (code === -1) return test ?? (() => true);
  if (test === null) return (pos) => codes[pos] === code;
  return (pos, user) => codes[pos] === code && test(pos, user);
}

/**
 * For hot loops: the code to compare inline when a matcher is a bare event name (>= 1), ANY_EVENT
 * when it takes every event without filters, or NEEDS_TEST when its predicate must be called.
 */
export const ANY_EVENT = -2;
export const NEEDS_TEST = -1;
export function bareCode(cm: CompiledMatcher): number {
  if (cm.test !== null) return NEEDS_TEST;
  return cm.code === -1 ? ANY_EVENT : cm.code;
}
