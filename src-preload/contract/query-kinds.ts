import { z } from "zod";
import {
  AcquisitionQuery,
  ActiveUsersQuery,
  ActivityHeatmapQuery,
  ChurnQuery,
  CompareQuery,
  FeatureAdoptionQuery,
  MessageEngagementQuery,
  RevenueQuery,
  SessionsQuery,
  SurveyScoresQuery,
} from "./metric-queries.ts";
import type {
  AcquisitionResult,
  ActiveUsersResult,
  ActivityHeatmapResult,
  ChurnResult,
  CompareResult,
  FeatureAdoptionResult,
  MessageEngagementResult,
  RevenueResult,
  SessionsResult,
  SurveyScoresResult,
} from "./metric-results.ts";
import {
  BestSendTimeQuery,
  type BestSendTimeResult,
  type PropensityResult,
  UserColumnsQuery,
  type UserColumnsResult,
} from "./predict.ts";
import type {
  FunnelResult,
  LifecycleResult,
  PathsResult,
  RetentionResult,
  RfmResult,
  SegmentCountResult,
  SegmentFlowResult,
  SegmentMembersResult,
  StickinessResult,
} from "./results.ts";
import {
  FunnelQuery,
  PathsQuery,
  PropensityQuery,
  RetentionQuery,
  RfmQuery,
  SegmentFlowQuery,
} from "./segment.ts";
import { LifecycleQuery, SegmentCountQuery, SegmentMembersQuery, StickinessQuery } from "./spec-queries.ts";
import { TrendsQuery, type TrendsResult } from "./trends.ts";

// THE registry of query kinds: each kind declares here, once, the schema its request must pass and
// (as a phantom type) the result it answers. The Query union, the IPC method, the renderer client, the
// CLI and the engine's per-kind table (src-main/engine/kinds.ts) are all typed from this table, so a
// kind added here fails to compile until every layer handles it. Guide: docs/adding-a-query-kind.md.

/** Schemas a kind's request may use: an object (possibly refined) with a literal `kind`. */
type KindSchema = z.ZodType<{ kind: string }> & z.core.$ZodTypeDiscriminable;

export interface KindDef<Req extends KindSchema, Res> {
  readonly request: Req;
  /** phantom: never set, only carries the result type */
  readonly __result?: Res;
}

function kind<Res>() {
  return <Req extends KindSchema>(request: Req): KindDef<Req, Res> => ({ request });
}

export const queryKinds = {
  segmentCount: kind<SegmentCountResult>()(SegmentCountQuery),
  segmentMembers: kind<SegmentMembersResult>()(SegmentMembersQuery),
  funnel: kind<FunnelResult>()(FunnelQuery),
  retention: kind<RetentionResult>()(RetentionQuery),
  lifecycle: kind<LifecycleResult>()(LifecycleQuery),
  stickiness: kind<StickinessResult>()(StickinessQuery),
  rfm: kind<RfmResult>()(RfmQuery),
  paths: kind<PathsResult>()(PathsQuery),
  segmentFlow: kind<SegmentFlowResult>()(SegmentFlowQuery),
  activeUsers: kind<ActiveUsersResult>()(ActiveUsersQuery),
  churn: kind<ChurnResult>()(ChurnQuery),
  featureAdoption: kind<FeatureAdoptionResult>()(FeatureAdoptionQuery),
  sessions: kind<SessionsResult>()(SessionsQuery),
  activityHeatmap: kind<ActivityHeatmapResult>()(ActivityHeatmapQuery),
  acquisition: kind<AcquisitionResult>()(AcquisitionQuery),
  revenue: kind<RevenueResult>()(RevenueQuery),
  surveyScores: kind<SurveyScoresResult>()(SurveyScoresQuery),
  messageEngagement: kind<MessageEngagementResult>()(MessageEngagementQuery),
  compare: kind<CompareResult>()(CompareQuery),
  trends: kind<TrendsResult>()(TrendsQuery),
  propensity: kind<PropensityResult>()(PropensityQuery),
  bestSendTime: kind<BestSendTimeResult>()(BestSendTimeQuery),
  userColumns: kind<UserColumnsResult>()(UserColumnsQuery),
};

type Kinds = typeof queryKinds;
export type QueryKind = keyof Kinds;

// Interfaces over the mapped types resolve every member once, so that generic code indexing them
// with a kind K sees plain types rather than deferred conditional ones.
type RequestsByKind = { [K in QueryKind]: z.output<Kinds[K]["request"]> };
type ResultsByKind = { [K in QueryKind]: Exclude<Kinds[K]["__result"], undefined> };
/** Every kind's validated request, by kind. */
export interface QueryMap extends RequestsByKind {}
/** Every kind's result, by kind. */
export interface QueryResults extends ResultsByKind {}
export type ResultOf<K extends QueryKind> = QueryResults[K];
/** A query of kind K (the `& { kind: K }` lets generic code read K back from `query.kind`). */
export type QueryOf<K extends QueryKind> = QueryMap[K] & { kind: K };
/**
 * What the main process answers a query of kind K with: its result, tagged with its kind. Over IPC it
 * travels as QueryAnswer<QueryKind>; the renderer's client checks the tag with isAnswerOf.
 */
export interface QueryAnswer<K extends QueryKind = QueryKind> {
  kind: K;
  result: ResultOf<K>;
}

export function isAnswerOf<K extends QueryKind>(answer: QueryAnswer, kind: K): answer is QueryAnswer<K> {
  return answer.kind === kind;
}

/** True when `query` is of `kind` (types a validated Query by the kind its caller expects). */
export function isQueryOf<K extends QueryKind>(query: Query, kind: K): query is QueryOf<K> {
  return query.kind === kind;
}

/** The request schemas of every kind, as the non-empty list z.discriminatedUnion wants. */
function requestSchemas(): [Kinds[QueryKind]["request"], ...Kinds[QueryKind]["request"][]] {
  const [first, ...rest] = Object.values(queryKinds).map((k) => k.request);
  if (!first) throw new Error("no query kinds are registered");
  return [first, ...rest];
}

export const Query = z.discriminatedUnion("kind", requestSchemas());
export type Query = QueryMap[QueryKind];
