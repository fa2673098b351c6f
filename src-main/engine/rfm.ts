import type { RfmResult } from "../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../src-preload/contract/rfm.ts";
import { RFM_GROUPS, type RfmGroupName } from "../../src-preload/contract/rfm-groups.ts";
import { type CopyPolicy, codeAmounts, codeEvents } from "./columns/code-events.ts";
import { firstValueFrom } from "./columns/sparse-prop.ts";
import { TAG_NUMBER } from "./columns/types.ts";
import { NEEDS_TEST } from "./filters.ts";
import { Calendar, resolveRange } from "./metrics/calendar.ts";
import { checkAbort, type MetricContext, queryUsers } from "./metrics/context.ts";
import { DistinctKeys, RfmCollector } from "./rfm-collect.ts";
import { rfmEventScan } from "./rfm-event-scan.ts";
import { groupOf, type RfmScores, type RfmValues, rfmResultOf, scoreValues } from "./rfm-scores.ts";
import { firstAtOrAfter } from "./time-search.ts";
import { outOfBounds } from "./typed-index.ts";

// RFM (recency, frequency, monetary) over one event in a range: this file scans the events for each
// user's raw values; rfm-scores.ts turns them into scores, groups and the result.

/**
 * When the scan reads the event's own copy of its events (code-events.ts): up to an eighth of the
 * slice's events (the copy costs 16 bytes an event and 8 more per monetary property, so a common
 * event is scanned in the timeline as it lies), from the second query that asks for them. At 10M
 * events the bench's purchases (2.6%) took 8 ms this way against 57-64 ms over the timeline; a
 * first query, which builds the copy, took as long as the timeline's scan for the half-year and
 * 40 ms longer for a fortnight, so a one-shot query never builds it.
 */
export const EVENT_COPY: CopyPolicy = { maxShare: 1 / 8, onReuse: true };

/**
 * The raw values of the users of [from, to) (user indexes; the query workers scan one slice each)
 * with at least one matching event in the range. `copy`: EVENT_COPY, or for tests a share of 0
 * (always the timeline's scan) or 1 without onReuse (the copy's whenever the event is a bare name).
 */
export async function rfmValues(
  query: RfmQuery,
  ctx: MetricContext,
  from: number,
  to: number,
  copy: CopyPolicy = EVENT_COPY,
): Promise<RfmValues> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  // an unknown monetary property is refused first, as when the kind read its column here
  if (query.monetary) tl.requireProperty(query.monetary);
  const distinct = query.frequencyDistinct ? tl.propColumn(query.frequencyDistinct) : null;
  const members = await queryUsers(ctx, query.segment);
  // the code to compare inline when the event is a bare name (no predicate call per event)
  const code = ctx.eventCode(query.event, query.where);
  // the monetary property's values only where events of the event's name (filters or not) have one
  const nameCode = ctx.matcherCode(query.event);
  const money = query.monetary ? tl.propValues(query.monetary, nameCode) : null;
  const events = code >= 0 ? codeEvents(tl, code, from, to, copy) : null;
  if (events) {
    const amounts = money ? codeAmounts(money, events) : null;
    return rfmEventScan({ ctx, cal, events, amounts, distinct, members, from, to });
  }
  const pred = ctx.eventPredicate(query.event, query.where);
  const codes = tl.eventCodes;
  const times = tl.times;
  const offsets = tl.userOffsets;
  const lo = cal.startMs;
  const hi = cal.endMs;
  const out = new RfmCollector(to - from);
  const lastDay = cal.days - 1;
  const keys = distinct ? new DistinctKeys(distinct) : null;
  const valueAt = money?.at ?? new Int32Array(0);
  const valueTags = money?.tag ?? new Uint8Array(0);
  const numbers = money?.num ?? new Float64Array(0);
  const valueEnd = valueAt.length;
  // the next value at or after the scan's event: the scan's positions only ascend (users ascend,
  // and so do their events), so this walks forward, each value passed once
  let next = firstValueFrom(valueAt, offsets[from] ?? outOfBounds());
  for (let user = from; user < to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const end = offsets[user + 1] ?? outOfBounds();
    let count = 0;
    let sum = 0;
    keys?.clear();
    const start = offsets[user] ?? outOfBounds();
    // the user's events in the range, [first, stop): their first and last times settle it for most
    // users, so a recent range skips the other users' events without reading their codes, and the
    // scan reads no time but the last match's
    const first = firstAtOrAfter(times, start, end, lo);
    const stop = firstAtOrAfter(times, first, end, hi);
    let lastPos = -1;
    for (let pos = first; pos < stop; pos++) {
      // a bare event name compares the 2-byte code inline (no predicate call per event)
      if (code >= 0 ? codes[pos] !== code : code === NEEDS_TEST && !pred(pos, user)) continue;
      count++;
      lastPos = pos;
      while (next < valueEnd && (valueAt[next] ?? outOfBounds()) < pos) next++;
      if (next < valueEnd && valueAt[next] === pos && valueTags[next] === TAG_NUMBER)
        sum += numbers[next] ?? outOfBounds();
      keys?.add(pos);
    }
    if (count === 0) continue;
    const last = times[lastPos] ?? outOfBounds();
    out.add(user, lastDay - cal.dayIndex(last), keys ? keys.size : count, sum);
  }
  return out.values(money !== null);
}

/** Raw values and scores of every scored user: quintiles rank over all users, never a slice. */
export async function rfmScores(query: RfmQuery, ctx: MetricContext): Promise<RfmScores> {
  return scoreValues(await rfmValues(query, ctx, 0, ctx.timeline.nUsers));
}

/**
 * One byte per user index: 0 when the user is not scored, else 1 + the index of their group in
 * RFM_GROUPS. The segment evaluator's `{"rfm": [...], "query": RfmQuery}` condition reads this.
 */
export async function rfmGroups(q: RfmQuery, ctx: MetricContext): Promise<Uint8Array> {
  const s = await rfmScores(q, ctx);
  const out = new Uint8Array(ctx.timeline.nUsers);
  for (let i = 0; i < s.users.length; i++) {
    out[s.users[i] ?? outOfBounds()] =
      1 + RFM_GROUPS.indexOf(groupOf(s.r[i] ?? outOfBounds(), s.f[i] ?? outOfBounds()));
  }
  return out;
}

/** Members of the named groups, one byte per user index (1 = member). */
export async function rfmMembers(
  groups: readonly RfmGroupName[],
  q: RfmQuery,
  ctx: MetricContext,
): Promise<Uint8Array> {
  const codes = new Set(groups.map((g) => 1 + RFM_GROUPS.indexOf(g)));
  return (await rfmGroups(q, ctx)).map((g) => (codes.has(g) ? 1 : 0));
}

export async function runRfm(q: RfmQuery, ctx: MetricContext): Promise<RfmResult> {
  return rfmResultOf([await rfmValues(q, ctx, 0, ctx.timeline.nUsers)]);
}
