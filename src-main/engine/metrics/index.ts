import type { MetricQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { QueryResults } from "../../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
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

// The one entry point of the metric kinds (issue 5) and RFM: the engine's run() hands every such
// query here with a MetricContext (see context.ts).

export { rfmGroups, rfmMembers } from "../rfm.ts";
export type { EventPredicate, MetricContext } from "./context.ts";

export const METRIC_KINDS = [
  "activeUsers",
  "churn",
  "featureAdoption",
  "sessions",
  "activityHeatmap",
  "acquisition",
  "revenue",
  "surveyScores",
  "messageEngagement",
  "compare",
  "rfm",
] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export function isMetricKind(kind: string): kind is MetricKind {
  return (METRIC_KINDS as readonly string[]).includes(kind);
}

export async function runMetric<Q extends MetricQuery | RfmQuery>(
  query: Q,
  ctx: MetricContext,
): Promise<QueryResults[Q["kind"]]> {
  return (await dispatch(query, ctx)) as QueryResults[Q["kind"]];
}

function dispatch(q: MetricQuery | RfmQuery, ctx: MetricContext): Promise<QueryResults[MetricKind]> {
  switch (q.kind) {
    case "activeUsers":
      return activeUsers(q, ctx);
    case "churn":
      return churn(q, ctx);
    case "featureAdoption":
      return featureAdoption(q, ctx);
    case "sessions":
      return sessions(q, ctx);
    case "activityHeatmap":
      return activityHeatmap(q, ctx);
    case "acquisition":
      return acquisition(q, ctx);
    case "revenue":
      return revenue(q, ctx);
    case "surveyScores":
      return surveyScores(q, ctx);
    case "messageEngagement":
      return messageEngagement(q, ctx);
    case "compare":
      return compare(q, ctx);
    case "rfm":
      return runRfm(q, ctx);
  }
}
