import type { AcquisitionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  AcquisitionResult,
  AcquisitionRow,
  Value,
} from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { columnValue } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import { addDays, Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers, rate } from "./context.ts";
import { topGroups, valueKey } from "./groups.ts";

export const DEFAULT_RETENTION_DAYS = [1, 7, 30];
export const DEFAULT_CONVERSION_WINDOW = { value: 30, unit: "day" } as const;

/** One group's users and counts, as each engine tallies them (in the order it meets the groups). */
export interface AcquisitionGroup {
  value: Value;
  other?: boolean;
  users: number;
  converted: number;
  retained: number[];
  incomplete: number[];
}

/** The days and bounds an acquisition query is counted over, for the local engine and the cluster alike. */
export interface AcquisitionFrame {
  /** the retention days asked for, ascending, each once */
  days: number[];
  /** the range's days and, after them, as many as the latest retention day reaches */
  cal: Calendar;
  /** the calendar days of the range's last day and of the as-of day */
  rangeEnd: number;
  asOfDay: number;
  windowMs: number;
}

export function acquisitionFrame(query: AcquisitionQuery, asOf: string, timezone: string): AcquisitionFrame {
  const range = resolveRange(query.range, asOf);
  const days = [...new Set(query.retentionDays ?? DEFAULT_RETENTION_DAYS)].sort((a, b) => a - b);
  const maxDay = days.length ? (days[days.length - 1] ?? outOfBounds()) : 0;
  const cal = new Calendar(range.from, addDays(range.to, maxDay), timezone);
  return {
    days,
    cal,
    rangeEnd: cal.indexOfDate(range.to),
    asOfDay: cal.indexOfDate(asOf),
    windowMs: durationMs(query.conversionWindow ?? DEFAULT_CONVERSION_WINDOW),
  };
}

/**
 * Users acquired in the range (their first event of any kind falls in it), grouped by a first-touch
 * value: a user attribute, or a property of that first event. Per group: later conversion within a
 * window of the first event, and activity (not a message delivery) on calendar day N after the
 * first day.
 */
export async function acquisition(query: AcquisitionQuery, ctx: MetricContext): Promise<AcquisitionResult> {
  const tl = ctx.timeline;
  const { days, cal, rangeEnd, asOfDay, windowMs } = acquisitionFrame(query, ctx.asOf, ctx.timezone);
  const col =
    query.by.scope === "user" ? ctx.userColumn(query.by.property) : tl.propColumn(query.by.property);
  const converts = query.conversion ? ctx.eventPredicate(query.conversion, query.where) : null;
  // retained on day N means active that day: message deliveries are not activity (activity.ts),
  // as in active users, lifecycle and the rest
  const passes = ctx.activity(null, query.where);
  const members = await queryUsers(ctx, query.segment);
  const groups = new Map<string, AcquisitionGroup>();
  let total = 0;
  const activeDays = new Set<number>();
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const firstPos = tl.userOffsets[user] ?? outOfBounds();
    const end = tl.userOffsets[user + 1] ?? outOfBounds();
    if (firstPos === end) continue;
    const first = tl.times[firstPos] ?? outOfBounds();
    const firstDay = cal.dayIndex(first);
    if (firstDay < 0 || firstDay > rangeEnd) continue;
    total++;
    const value = columnValue(col, query.by.scope === "user" ? user : firstPos);
    const key = valueKey(value);
    let group = groups.get(key);
    if (!group) {
      group = {
        value,
        users: 0,
        converted: 0,
        retained: days.map(() => 0),
        incomplete: days.map(() => 0),
      };
      groups.set(key, group);
    }
    group.users++;
    let converted = false;
    activeDays.clear();
    for (let pos = firstPos; pos < end; pos++) {
      const time = tl.times[pos] ?? outOfBounds();
      if (time >= cal.endMs) break;
      if (converts && !converted && time <= first + windowMs && converts(pos, user)) converted = true;
      if (passes(pos, user)) activeDays.add(cal.dayIndex(time));
    }
    if (converted) group.converted++;
    days.forEach((n, i) => {
      const target = firstDay + n;
      if (target > asOfDay) group.incomplete[i] = (group.incomplete[i] ?? outOfBounds()) + 1;
      else if (activeDays.has(target)) group.retained[i] = (group.retained[i] ?? outOfBounds()) + 1;
    });
  }
  return { users: total, rows: acquisitionRows([...groups.values()], query, days) };
}

/** The result's rows: the top groups (the rest merged into one), with their rates. */
export function acquisitionRows(
  groups: AcquisitionGroup[],
  q: AcquisitionQuery,
  days: readonly number[],
): AcquisitionRow[] {
  return topGroups(groups, q.limit ?? 20, merge).map(
    (g): AcquisitionRow => ({
      value: g.value,
      ...(g.other ? { other: true } : {}),
      users: g.users,
      converted: g.converted,
      conversionRate: q.conversion ? rate(g.converted, g.users) : null,
      retention: days.map((day, i) => ({
        day,
        users: g.retained[i] ?? outOfBounds(),
        rate: rate(g.retained[i] ?? outOfBounds(), g.users - (g.incomplete[i] ?? outOfBounds())),
        incomplete: g.incomplete[i] ?? outOfBounds(),
      })),
    }),
  );
}

function merge(into: AcquisitionGroup, g: AcquisitionGroup): void {
  into.users += g.users;
  into.converted += g.converted;
  g.retained.forEach((v, i) => {
    into.retained[i] = (into.retained[i] ?? outOfBounds()) + v;
  });
  g.incomplete.forEach((v, i) => {
    into.incomplete[i] = (into.incomplete[i] ?? outOfBounds()) + v;
  });
}
