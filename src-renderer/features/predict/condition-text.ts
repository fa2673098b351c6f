import type { Condition } from "../../../src-preload/contract/segment.ts";
import { horizonDays, targetName } from "./transform.ts";

type PropensityCondition = Extract<Condition, { propensity: unknown }>;

/** A propensity condition in words, for the segment summary. */
export function propensityText(c: PropensityCondition, negated: boolean): string {
  const what = `likely to do ${targetName(c.propensity.target)} within ${horizonDays(c.propensity)} days`;
  const not = negated ? "not " : "";
  if ("topPercent" in c) return `${not}in the top ${c.topPercent}% ${what}`;
  const s = c.score;
  const cmp = s.op === "between" ? `between ${s.value[0]} and ${s.value[1]}` : `${s.op} ${s.value}`;
  return `${not}scored ${cmp} as ${what}`;
}
