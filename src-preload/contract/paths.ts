// Paths and segment flow (spec/queries.md, v1.1): the schemas live in segment.ts (a segment can hold
// them and they hold a segment), the results in results.ts. This module gathers them for the views.

export type { PathsResult, SegmentFlowResult } from "./results.ts";
export { FlowState, PathsQuery, SegmentFlowQuery } from "./segment.ts";
