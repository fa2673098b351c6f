import type { ActiveUsersResult } from "../../../src-preload/contract/metric-results.ts";
import type { Query } from "../../../src-preload/contract/queries.ts";
import type {
  FunnelResult,
  LifecycleResult,
  RetentionResult,
} from "../../../src-preload/contract/results.ts";
import type { TrendsResult } from "../../../src-preload/contract/trends.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import type { ThemeColors } from "../../charts/theme.ts";
import { activeUsersOption, lifecycleOption } from "../engagement/transform.ts";
import { funnelBarsOption, stepRows } from "../funnels/transform.ts";
import { curveOption, weightedCurve } from "../retention/transform.ts";
import { trendsOption } from "../trends/transform.ts";

// A pinned report's chart in a tile: the same option builders its own view uses. Kinds without a
// compact chart here answer null, and the tile offers to open the report instead.

export function tileOption(q: Query, result: unknown, colors: ThemeColors): ChartOption | null {
  switch (q.kind) {
    case "trends":
      return trendsOption(result as TrendsResult, q, "line");
    case "funnel":
      return funnelBarsOption(stepRows((result as FunnelResult).steps, q.steps), {
        accent: colors.accent,
        surface: colors.surface,
        dropped: colors.faint,
        text: colors.text,
        muted: colors.muted,
      });
    case "retention":
      return curveOption(
        weightedCurve((result as RetentionResult).cohorts, q.periods),
        q.interval,
        colors.accent,
        q.measure ?? "on",
      );
    case "lifecycle":
      return lifecycleOption(result as LifecycleResult, q.interval);
    case "activeUsers":
      return activeUsersOption(result as ActiveUsersResult);
    default:
      return null;
  }
}
