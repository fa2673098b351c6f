// Response types of the metric kinds in metric-queries.ts, keyed by kind.
// biome-ignore lint/complexity/noBannedTypes: filled in by the metric kinds (issue 5)
export type MetricResults = {};
