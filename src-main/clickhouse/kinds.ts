import type { QueryKind } from "../../src-preload/contract/query-kinds.ts";
import { exact, type KindImplementation, type KindTable } from "../engine/kind-table.ts";
import { runAcquisitionOn } from "./compile/acquisition.ts";
import { runActiveUsersOn } from "./compile/active-users.ts";
import { runActivityHeatmapOn } from "./compile/activity-heatmap.ts";
import { runBestSendTimeOn } from "./compile/best-send-time.ts";
import { runChurnOn } from "./compile/churn.ts";
import { runCompareOn } from "./compile/compare.ts";
import { type ChContext, makeChContext } from "./compile/context.ts";
import { runFeatureAdoptionOn } from "./compile/feature-adoption.ts";
import { runFunnelOn } from "./compile/funnel-result.ts";
import { runLifecycleOn } from "./compile/lifecycle.ts";
import { runMembersOn } from "./compile/members.ts";
import { runMessageEngagementOn } from "./compile/message-engagement.ts";
import { runPathsOn } from "./compile/paths.ts";
import { runRetentionOn } from "./compile/retention.ts";
import { runRevenueOn } from "./compile/revenue.ts";
import { runRfmOn } from "./compile/rfm.ts";
import { segmentSql } from "./compile/segment.ts";
import { runSegmentFlowOn } from "./compile/segment-flow.ts";
import { runSessionsOn } from "./compile/sessions.ts";
import { runStickinessOn } from "./compile/stickiness.ts";
import { runSurveyScoresOn } from "./compile/survey-scores.ts";
import { runTrendsOn } from "./compile/trends.ts";
import { runUserColumnsOn } from "./compile/user-columns.ts";
import type { ChSource } from "./engine.ts";
import type { ChClient } from "./http.ts";

// The ClickHouse engine's entry in the registry of query kinds (docs/adding-a-query-kind.md): every
// kind is declared, answered exactly or unsupported with why. Fields a compiler cannot answer
// exactly are refused inside it, by name (compile/refuse.ts); nothing here is approximate.

/** What every compiled kind runs against: the server, where settings come from, cancellation. */
export interface ChRun {
  ch: ChClient;
  source: ChSource;
  signal?: AbortSignal | undefined;
}

async function contextOf(
  r: ChRun,
  q: { timezone?: string; weekStart?: "monday" | "sunday" },
): Promise<ChContext> {
  return makeChContext(await r.source.settings(), q, (id) => r.source.savedSegment(id));
}

function unsupported<K extends QueryKind>(reason: string): KindImplementation<K, ChRun> {
  return { support: "unsupported", reason: `${reason}; run it on this laptop` };
}

export const clickhouseKinds: KindTable<ChRun> = {
  segmentCount: exact(async (r, q) => {
    const ctx = await contextOf(r, q);
    const [row] = await r.ch.rows<{ users: number; ofTotal: number }>(
      `SELECT countIf(${segmentSql(ctx, q.segment)}) AS users, count() AS ofTotal FROM users FINAL`,
      {},
      r.signal,
    );
    return { users: row?.users ?? 0, ofTotal: row?.ofTotal ?? 0 };
  }),
  segmentMembers: exact(async (r, q) => runMembersOn(r.ch, await contextOf(r, q), q, r.signal)),
  funnel: exact(async (r, q) => runFunnelOn(r.ch, await contextOf(r, q), q, r.signal)),
  retention: exact(async (r, q) => runRetentionOn(r.ch, await contextOf(r, q), q, r.signal)),
  lifecycle: exact(async (r, q) => runLifecycleOn(r.ch, await contextOf(r, q), q, r.signal)),
  stickiness: exact(async (r, q) => runStickinessOn(r.ch, await contextOf(r, q), q, r.signal)),
  rfm: exact(async (r, q) => runRfmOn(r.ch, await contextOf(r, q), q, r.signal)),
  activeUsers: exact(async (r, q) => runActiveUsersOn(r.ch, await contextOf(r, q), q, r.signal)),
  churn: exact(async (r, q) => runChurnOn(r.ch, await contextOf(r, q), q, r.signal)),
  featureAdoption: exact(async (r, q) => runFeatureAdoptionOn(r.ch, await contextOf(r, q), q, r.signal)),
  sessions: exact(async (r, q) => runSessionsOn(r.ch, await contextOf(r, q), q, r.signal)),
  activityHeatmap: exact(async (r, q) => runActivityHeatmapOn(r.ch, await contextOf(r, q), q, r.signal)),
  acquisition: exact(async (r, q) => runAcquisitionOn(r.ch, await contextOf(r, q), q, r.signal)),
  revenue: exact(async (r, q) => runRevenueOn(r.ch, await contextOf(r, q), q, r.signal)),
  surveyScores: exact(async (r, q) => runSurveyScoresOn(r.ch, await contextOf(r, q), q, r.signal)),
  messageEngagement: exact(async (r, q) => runMessageEngagementOn(r.ch, await contextOf(r, q), q, r.signal)),
  // a funnel metric is the cluster's own funnel kind, as the local engine runs its own
  compare: exact(async (r, q) =>
    runCompareOn(
      r.ch,
      await contextOf(r, q),
      q,
      async (fq) => runFunnelOn(r.ch, await contextOf(r, fq), fq, r.signal),
      r.signal,
    ),
  ),
  paths: exact(async (r, q) => runPathsOn(r.ch, await contextOf(r, q), q, r.signal)),
  segmentFlow: exact(async (r, q) => runSegmentFlowOn(r.ch, await contextOf(r, q), q, r.signal)),
  propensity: unsupported("the model is trained on this laptop"),
  bestSendTime: exact(async (r, q) => runBestSendTimeOn(r.ch, await contextOf(r, q), q, r.signal)),
  userColumns: exact(async (r, q) => runUserColumnsOn(r.ch, await contextOf(r, q), q, r.signal)),
  trends: exact(async (r, q) => runTrendsOn(r.ch, await contextOf(r, q), q, r.signal)),
};

/** The kinds answered on a cluster (for help texts and docs). */
export const CLICKHOUSE_KINDS = (Object.keys(clickhouseKinds) as QueryKind[]).filter(
  (k) => clickhouseKinds[k].support !== "unsupported",
);
