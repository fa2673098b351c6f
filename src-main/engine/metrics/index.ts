import type { QueryOf, ResultOf } from "../../../src-preload/contract/query-kinds.ts";
import { runRfm } from "../rfm.ts";
import { acquisition } from "./acquisition.ts";
import { activeUsers } from "./active-users.ts";
import { featureAdoption } from "./adoption.ts";
import { churn } from "./churn.ts";
import { compare } from "./compare.ts";
import type { MetricContext } from "./context.ts";
import { activityHeatmap } from "./heatmap.ts";
import { messageEngagement } from "./messages.ts";
import { revenue } from "./revenue.ts";
import { sessions } from "./sessions.ts";
import { surveyScores } from "./surveys.ts";

// The metric kinds (issue 5) and RFM: each runs over a MetricContext (see context.ts) that the engine
// builds for it (metrics/engine.ts); the engine's kind table (../kinds.ts) points here.

export { rfmGroups, rfmMembers } from "../rfm.ts";
export type { EventPredicate, MetricContext } from "./context.ts";

export type MetricKind =
  | "activeUsers"
  | "churn"
  | "featureAdoption"
  | "sessions"
  | "activityHeatmap"
  | "acquisition"
  | "revenue"
  | "surveyScores"
  | "messageEngagement"
  | "compare"
  | "rfm";

export type MetricRunner<K extends MetricKind> = (
  query: QueryOf<K>,
  ctx: MetricContext,
) => Promise<ResultOf<K>>;

export const metricKinds: { [K in MetricKind]: MetricRunner<K> } = {
  activeUsers,
  churn,
  featureAdoption,
  sessions,
  activityHeatmap,
  acquisition,
  revenue,
  surveyScores,
  messageEngagement,
  compare,
  rfm: runRfm,
};

/** Runs one metric kind's query over a MetricContext. */
export function runMetric<K extends MetricKind>(query: QueryOf<K>, ctx: MetricContext): Promise<ResultOf<K>> {
  return metricKinds[query.kind](query, ctx);
}
