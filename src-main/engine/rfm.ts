import type { RfmGroupResult, RfmResult } from "../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../src-preload/contract/rfm.ts";
import { RFM_GROUPS, type RfmGroupName } from "../../src-preload/contract/rfm-groups.ts";
import { TAG_MISSING, TAG_NUMBER, TAG_STRING } from "./columns/types.ts";
import { Calendar, resolveRange } from "./metrics/calendar.ts";
import { checkAbort, type MetricContext, queryUsers } from "./metrics/context.ts";
import { quintileEdges, quintileScores } from "./metrics/stats.ts";
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
}

/** Raw values and scores per scored user. */
export async function rfmScores(q: RfmQuery, ctx: MetricContext): Promise<RfmScores> {
  const tl = ctx.timeline;
  const range = resolveRange(q.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const pred = ctx.eventPredicate(q.event, q.where);
  const money = q.monetary ? tl.propColumn(q.monetary) : null;
  const distinct = q.frequencyDistinct ? tl.propColumn(q.frequencyDistinct) : null;
  const members = await queryUsers(ctx, q.segment);
  const users: number[] = [];
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  const lastDay = cal.days - 1;
  const keys = new Set<number>();
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    const end = tl.userOffsets[u + 1] ?? outOfBounds();
    let count = 0;
    let sum = 0;
    let last = -1;
    keys.clear();
    for (let p = tl.userOffsets[u] ?? outOfBounds(); p < end; p++) {
      const t = tl.times[p] ?? outOfBounds();
      if (t < cal.startMs) continue;
      if (t >= cal.endMs) break;
      if (!pred(p, u)) continue;
      count++;
      last = t;
      if (money && money.tag[p] === TAG_NUMBER) sum += money.num[p] ?? outOfBounds();
      if (distinct) {
        const tag = distinct.tag[p];
        // strings and numbers live in different key spaces: -1 - dictionary index vs the number itself
        if (tag === TAG_STRING) keys.add(-1 - (distinct.str[p] ?? outOfBounds()));
        else if (tag !== TAG_MISSING) keys.add(distinct.num[p] ?? outOfBounds());
      }
    }
    if (count === 0) continue;
    users.push(u);
    recency.push(lastDay - cal.dayIndex(last));
    frequency.push(distinct ? keys.size : count);
    monetary.push(sum);
  }
  const rec = Float64Array.from(recency);
  const freq = Float64Array.from(frequency);
  const mon = Float64Array.from(monetary);
  return {
    users: Int32Array.from(users),
    recencyDays: rec,
    frequency: freq,
    monetary: mon,
    r: quintileScores(rec, true),
    f: quintileScores(freq),
    m: money ? quintileScores(mon) : new Uint8Array(mon.length),
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

export async function runRfm(q: RfmQuery, ctx: MetricContext): Promise<RfmResult> {
  const s = await rfmScores(q, ctx);
  const n = s.users.length;
  const grid = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const acc = new Map<
    RfmGroupName,
    { users: number; monetary: number; recency: number; frequency: number }
  >();
  for (const g of RFM_GROUPS) acc.set(g, { users: 0, monetary: 0, recency: 0, frequency: 0 });
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
  const groups: RfmGroupResult[] = RFM_GROUPS.map((group) => {
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
  return {
    users: n,
    groups,
    grid,
    edges: {
      recencyDays: quintileEdges(s.recencyDays, true),
      frequency: quintileEdges(s.frequency),
      monetary: q.monetary ? quintileEdges(s.monetary) : [],
    },
  };
}
