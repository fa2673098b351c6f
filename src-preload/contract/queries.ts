// Every query schema and the Query union, from one place. Each kind is declared once in
// query-kinds.ts (schema + result type); the schemas themselves live beside their relatives.

export { Query, type QueryKind, type QueryOf } from "./query-kinds.ts";
export {
  Attribution,
  FunnelOrder,
  FunnelQuery,
  PathsQuery,
  RetentionQuery,
  RfmQuery,
  SegmentFlowQuery,
} from "./segment.ts";
export { LifecycleQuery, SegmentCountQuery, SegmentMembersQuery, StickinessQuery } from "./spec-queries.ts";
