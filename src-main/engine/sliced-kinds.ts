import type { ActivityHeatmapResult } from "../../src-preload/contract/metric-results.ts";
import type { QueryKind, QueryOf, QueryResults, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import type { RetentionCohort } from "../../src-preload/contract/results.ts";
import type { EngineContext } from "./context.ts";
import { type FunnelPartial, finishFunnel, funnelPartial } from "./funnel/result.ts";
import { runLifecycle } from "./lifecycle.ts";
import { type ActiveUsersCounts, activeUsersResult, addActiveUsersCounts } from "./metrics/active-users.ts";
import { addInto } from "./metrics/add-counts.ts";
import { type AdoptionCounts, addAdoptionCounts, adoptionResult } from "./metrics/adoption.ts";
import { addChurnCounts, type ChurnCounts, churnResult } from "./metrics/churn.ts";
import { joinRevenue, type RevenuePart } from "./metrics/revenue.ts";
import { revenueResult } from "./metrics/revenue-result.ts";
import { type SessionsPart, sessionsResult } from "./metrics/sessions-result.ts";
import { runRetention } from "./retention.ts";
import { retentionCurve } from "./retention-curve.ts";
import { type RfmValues, rfmResultOf } from "./rfm-scores.ts";
import { evalSegment } from "./segment.ts";
import { flowSlices } from "./segment-flow/slices.ts";
import { runStickiness } from "./stickiness.ts";
import { joinTrendsSlices, trendsSplits } from "./trends/join-slices.ts";
import { finishTrends, type TrendsScans } from "./trends/run-trends.ts";
import { outOfBounds } from "./typed-index.ts";

// Kinds whose answer is a sum over users: the worker pool runs them on slices of users in parallel
// (one per worker) and merges the slices' answers here. Every other kind runs whole in one worker.

/** What one slice of users answers, per kind: its share of the result, except where said otherwise. */
export interface SlicePartials
  extends Omit<
    QueryResults,
    | "funnel"
    | "retention"
    | "rfm"
    | "activeUsers"
    | "churn"
    | "featureAdoption"
    | "revenue"
    | "sessions"
    | "trends"
  > {
  /** per-user step times, merged into medians and histograms once every slice is in */
  funnel: FunnelPartial;
  /** the cohorts' counts; the curve is drawn from the merged cohorts */
  retention: { cohorts: RetentionCohort[] };
  /** the slice's scored users' raw values; quintiles rank over every user, so scores come after */
  rfm: RfmValues;
  /** the slice's counts of users per day and period; sums and rates come from the added counts */
  activeUsers: ActiveUsersCounts;
  /** the slice's counts of users per period, for everyone and per segment */
  churn: ChurnCounts;
  /** the slice's counts of users and events per feature and period */
  featureAdoption: AdoptionCounts;
  /** the slice's counts, and its paying events' values to be summed in user order */
  revenue: RevenuePart;
  /** the slice's counts and whole-millisecond sums, and the lengths the medians rank */
  sessions: SessionsPart;
  /** the slice's counts per breakdown value and bucket, and its users' first hits */
  trends: TrendsScans;
}

export interface SlicedKindDef<K extends QueryKind> {
  /** the context's slice of users' share of the answer */
  slice(ctx: EngineContext, query: QueryOf<K>): Promise<SlicePartials[K]>;
  /** the whole answer from every slice's share, in slice order */
  merge(query: QueryOf<K>, parts: SlicePartials[K][]): ResultOf<K>;
  /** whether this query splits (absent: every query of the kind does); else it runs whole */
  splits?: (query: QueryOf<K>) => boolean;
}

async function usersOf(ctx: EngineContext, q: { segment?: QueryOf<"funnel">["segment"] }) {
  return q.segment === undefined ? null : evalSegment(ctx, q.segment);
}

/** The metric kinds' module, loaded on first use as kinds.ts does (a one-shot query of a spec kind skips it). */
const metrics = () => import("./metrics/engine.ts");

/** Slices' heatmaps added up: whole counts of events, or of users, who are in one slice only. */
function addHeatmaps(parts: ActivityHeatmapResult[]): ActivityHeatmapResult {
  const [first, ...rest] = parts;
  if (!first) throw new Error("activity heatmap: no slice answered");
  for (const p of rest) {
    first.cells.forEach((row, weekday) => {
      addInto(row, p.cells[weekday] ?? outOfBounds());
    });
    first.total += p.total;
  }
  return first;
}

/** How each kind splits over slices of users; null: it runs whole, in one worker. */
export const slicedKinds: { [K in QueryKind]: SlicedKindDef<K> | null } = {
  segmentCount: {
    async slice(ctx, q) {
      const members = await evalSegment(ctx, q.segment);
      let n = 0;
      for (let u = ctx.u0; u < ctx.u1; u++) n += members[u] ?? 0;
      return { users: n, ofTotal: ctx.tl.nUsers };
    },
    merge: (_q, parts) => ({
      users: parts.reduce((sum, p) => sum + p.users, 0),
      ofTotal: parts[0]?.ofTotal ?? 0,
    }),
  },
  funnel: {
    slice: async (ctx, q) => funnelPartial(ctx, q, await usersOf(ctx, q)),
    merge: (q, parts) => finishFunnel(q, parts),
  },
  retention: {
    slice: async (ctx, q) => runRetention(ctx, q, await usersOf(ctx, q)),
    merge(q, parts) {
      const [first, ...rest] = parts;
      if (!first) return { cohorts: [], curve: retentionCurve([], q.periods) };
      for (const p of rest) {
        first.cohorts.forEach((c, i) => {
          const o = p.cohorts[i];
          if (!o) return;
          c.size += o.size;
          addInto(c.values, o.values);
          if (c.brackets && o.brackets) addInto(c.brackets, o.brackets);
        });
      }
      return { cohorts: first.cohorts, curve: retentionCurve(first.cohorts, q.periods) };
    },
  },
  lifecycle: {
    slice: async (ctx, q) => runLifecycle(ctx, q, await usersOf(ctx, q)),
    merge(_q, parts) {
      const [first, ...rest] = parts;
      if (!first) return { periods: [] };
      for (const p of rest) {
        first.periods.forEach((period, i) => {
          const o = p.periods[i];
          if (!o) return;
          period.new += o.new;
          period.returning += o.returning;
          period.resurrecting += o.resurrecting;
          period.dormant += o.dormant;
        });
      }
      return first;
    },
  },
  stickiness: {
    // slices count exact days; the cumulative form is a running sum of the merged counts
    slice: async (ctx, q) => runStickiness(ctx, { ...q, mode: "exact" }, await usersOf(ctx, q)),
    merge(q, parts) {
      const [first, ...rest] = parts;
      if (!first) return { counts: [] };
      for (const p of rest) addInto(first.counts, p.counts);
      if ((q.mode ?? "exact") === "exact") return first;
      let running = 0;
      for (let k = first.counts.length - 1; k >= 0; k--) {
        running += first.counts[k] ?? 0;
        first.counts[k] = running;
      }
      return first;
    },
  },
  segmentMembers: null,
  rfm: {
    slice: async (ctx, q) => (await metrics()).metricSlices.rfm(ctx, q),
    merge: (_q, parts) => rfmResultOf(parts),
  },
  paths: null,
  segmentFlow: flowSlices,
  activeUsers: {
    slice: async (ctx, q) => (await metrics()).metricSlices.activeUsers(ctx, q),
    merge: (_q, parts) => activeUsersResult(addActiveUsersCounts(parts)),
  },
  churn: {
    slice: async (ctx, q) => (await metrics()).metricSlices.churn(ctx, q),
    merge: (_q, parts) => churnResult(addChurnCounts(parts)),
  },
  featureAdoption: {
    slice: async (ctx, q) => (await metrics()).metricSlices.featureAdoption(ctx, q),
    merge: (_q, parts) => adoptionResult(addAdoptionCounts(parts)),
  },
  // sums in whole milliseconds add in any order; the medians rank the slices' lengths where they lie
  sessions: {
    slice: async (ctx, q) => (await metrics()).metricSlices.sessions(ctx, q),
    merge: (_q, parts) => sessionsResult(parts),
  },
  activityHeatmap: {
    slice: async (ctx, q) => (await metrics()).metricSlices.activityHeatmap(ctx, q),
    merge: (_q, parts) => addHeatmaps(parts),
  },
  acquisition: null,
  // float sums: the slices' paying events are summed once, in slice order (the one thread's additions)
  revenue: {
    slice: async (ctx, q) => (await metrics()).metricSlices.revenue(ctx, q),
    merge: (_q, parts) => revenueResult(joinRevenue(parts)),
  },
  surveyScores: null,
  messageEngagement: null,
  compare: null,
  // trends: counts and distinct users add across slices of users; a property's sum or quantile
  // runs whole (trends/join-slices.ts)
  trends: {
    slice: async (ctx, q) =>
      (await import("./trends/run-trends.ts")).scanTrendsSpans(ctx, q, await usersOf(ctx, q)),
    merge: (q, parts) => finishTrends(q, joinTrendsSlices(parts)),
    splits: trendsSplits,
  },
  // issue 17: a model is trained on every user; the heatmap and the columns read it whole
  propensity: null,
  bestSendTime: null,
  userColumns: null,
};
