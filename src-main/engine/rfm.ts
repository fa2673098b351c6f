import type { RfmGroupResult, RfmResult } from "../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../src-preload/contract/rfm.ts";
import { RFM_GROUPS, type RfmGroupName } from "../../src-preload/contract/rfm-groups.ts";
import { TAG_MISSING, TAG_NUMBER, TAG_STRING } from "./columns/types.ts";
import { NEEDS_TEST } from "./filters.ts";
import { Calendar, resolveRange } from "./metrics/calendar.ts";
import { checkAbort, lowerBound, type MetricContext, queryUsers } from "./metrics/context.ts";
import { quintiles } from "./metrics/stats.ts";
import { outOfBounds } from "./typed-index.ts";

// RFM (recency, frequency, monetary) over one event in a range. Scores are quintiles 1..5 with ties
// sharing a score (stats.ts); recency is reversed so the most recent buyers score 5. The ten groups
// come from the recency x frequency grid (see groupOf and resources/docs/metrics.md).

/** The group of a (recency score, frequency score) cell. */
export function groupOf(r: number, f: number): RfmGroupName {
  if (r <= 2) return f <= 2 ? "hibernating" : f <= 4 ? "atRisk" : "cantLose";
  if (r === 3) return f <= 2 ? "aboutToSleep" : f === 3 ? "needAttention" : "loyal";
  if (r === 4) return f === 1 ? "promising" : f <= 3 ? "potentialLoyalists" : "loyal";
  return f === 1 ? "new" : f <= 3 ? "potentialLoyalists" : "champions";
}

export interface RfmScores {
  /** user indexes of the scored users (those with at least one matching event in the range) */
  users: Int32Array;
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** where scores 2..5 start (stats.ts quintiles); monetary's empty without a monetary property */
  edges: { recencyDays: number[]; frequency: number[]; monetary: number[] };
}

/** Raw values and scores per scored user. */
export async function rfmScores(query: RfmQuery, ctx: MetricContext): Promise<RfmScores> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const pred = ctx.eventPredicate(query.event, query.where);
  const money = query.monetary ? tl.propColumn(query.monetary) : null;
  const distinct = query.frequencyDistinct ? tl.propColumn(query.frequencyDistinct) : null;
  const members = await queryUsers(ctx, query.segment);
  // the code to compare inline when the event is a bare name (no predicate call per event)
  const code = ctx.eventCode(query.event, query.where);
  const codes = tl.eventCodes;
  const times = tl.times;
  const offsets = tl.userOffsets;
  const lo = cal.startMs;
  const hi = cal.endMs;
  // at most one scored user per user index: filled in place, cut to the scored count at the end
  const users = new Int32Array(tl.nUsers);
  const rec = new Float64Array(tl.nUsers);
  const freq = new Float64Array(tl.nUsers);
  const mon = new Float64Array(tl.nUsers);
  let nScored = 0;
  const lastDay = cal.days - 1;
  const keys = new Set<number>();
  const strKeys = new Set<number>();
  const mTag = money?.tag;
  const mNum = money?.num ?? new Float64Array(0);
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const end = offsets[user + 1] ?? outOfBounds();
    let count = 0;
    let sum = 0;
    let last = -1;
    if (distinct) {
      keys.clear();
      strKeys.clear();
    }
    for (let pos = lowerBound(times, offsets[user] ?? outOfBounds(), end, lo); pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= hi) break;
      if (code >= 0 ? codes[pos] !== code : code === NEEDS_TEST && !pred(pos, user)) continue;
      count++;
      last = time;
      if (mTag && mTag[pos] === TAG_NUMBER) sum += mNum[pos] ?? outOfBounds();
      if (distinct) {
        const tag = distinct.tag[pos];
        // strings and numbers live in different key spaces (dictionary indexes vs the numbers
        // themselves): two sets, so that a string never collides with a number such as -1
        if (tag === TAG_STRING) strKeys.add(distinct.str[pos] ?? outOfBounds());
        else if (tag !== TAG_MISSING) keys.add(distinct.num[pos] ?? outOfBounds());
      }
    }
    if (count === 0) continue;
    users[nScored] = user;
    rec[nScored] = lastDay - cal.dayIndex(last);
    freq[nScored] = distinct ? keys.size + strKeys.size : count;
    mon[nScored] = sum;
    nScored++;
  }
  const recency = quintiles(rec.subarray(0, nScored), true);
  const frequency = quintiles(freq.subarray(0, nScored));
  const monetary = money
    ? quintiles(mon.subarray(0, nScored))
    : { scores: new Uint8Array(nScored), edges: [] };
  return {
    users: users.subarray(0, nScored),
    recencyDays: rec.subarray(0, nScored),
    frequency: freq.subarray(0, nScored),
    monetary: mon.subarray(0, nScored),
    r: recency.scores,
    f: frequency.scores,
    m: monetary.scores,
    edges: { recencyDays: recency.edges, frequency: frequency.edges, monetary: monetary.edges },
  };
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

/** Each group's users and sums, filled by each engine in its own order (float sums depend on it). */
export type RfmGroupSums = Map<
  RfmGroupName,
  { users: number; monetary: number; recency: number; frequency: number }
>;

export function emptyGroupSums(): RfmGroupSums {
  return new Map(RFM_GROUPS.map((g) => [g, { users: 0, monetary: 0, recency: 0, frequency: 0 }]));
}

/** The result's group rows from the sums, of `n` scored users in all. */
export function groupRows(acc: RfmGroupSums, n: number): RfmGroupResult[] {
  return RFM_GROUPS.map((group) => {
    const a = acc.get(group) ?? { users: 0, monetary: 0, recency: 0, frequency: 0 };
    return {
      group,
      users: a.users,
      share: n ? a.users / n : 0,
      monetary: a.monetary,
      avgRecencyDays: a.users ? a.recency / a.users : 0,
      avgFrequency: a.users ? a.frequency / a.users : 0,
    };
  });
}

export async function runRfm(q: RfmQuery, ctx: MetricContext): Promise<RfmResult> {
  const s = await rfmScores(q, ctx);
  const n = s.users.length;
  const grid = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const acc = emptyGroupSums();
  for (let i = 0; i < n; i++) {
    const r = s.r[i] ?? outOfBounds();
    const f = s.f[i] ?? outOfBounds();
    const row = grid[r - 1] ?? outOfBounds();
    row[f - 1] = (row[f - 1] ?? outOfBounds()) + 1;
    const a = acc.get(groupOf(r, f));
    if (!a) continue;
    a.users++;
    a.monetary += s.monetary[i] ?? outOfBounds();
    a.recency += s.recencyDays[i] ?? outOfBounds();
    a.frequency += s.frequency[i] ?? outOfBounds();
  }
  return {
    users: n,
    groups: groupRows(acc, n),
    grid,
    edges: s.edges,
  };
}
