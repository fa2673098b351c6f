import { isAnswerOf, type Query, type QueryAnswer } from "../../../src-preload/contract/query-kinds.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import type { ThemeColors } from "../../charts/theme.ts";
import { activeUsersOption, lifecycleOption } from "../engagement/transform.ts";
import { funnelBarsOption, stepRows } from "../funnels/transform.ts";
import { curveOption } from "../retention/transform.ts";
import { trendsOption } from "../trends/transform.ts";

// A pinned report's chart in a tile: the same option builders its own view uses. Kinds without a
// compact chart here answer null, and the tile offers to open the report instead.

export function tileOption(q: Query, answer: QueryAnswer, colors: ThemeColors): ChartOption | null {
  // the answer's kind tag narrows its result; the query's kind narrows the query
  if (q.kind === "trends" && isAnswerOf(answer, "trends"))
    return trendsOption(answer.result, q, q.chart ?? "line");
  if (q.kind === "funnel" && isAnswerOf(answer, "funnel"))
    return funnelBarsOption(stepRows(answer.result.steps, q.steps, q.optionalSteps), {
      accent: colors.accent,
      surface: colors.surface,
      dropped: colors.faint,
      text: colors.text,
      muted: colors.muted,
    });
  if (q.kind === "retention" && isAnswerOf(answer, "retention"))
    return curveOption(answer.result.curve, q.interval, colors.accent, q.measure ?? "on");
  if (isAnswerOf(answer, "lifecycle") && q.kind === "lifecycle")
    return lifecycleOption(answer.result, q.interval);
  if (isAnswerOf(answer, "activeUsers")) return activeUsersOption(answer.result);
  return null;
}
