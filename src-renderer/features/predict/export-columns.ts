import type { PropensityQuery } from "../../../src-preload/contract/predict.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";

// The computed columns the export dialog offers: the best local send hour and weekday always, and a
// propensity score when the segment is made with a model (the first one in it gives the score).

export interface ColumnChoice {
  name: string;
  label: string;
}

export function propensityIn(seg: Segment): PropensityQuery | null {
  if ("all" in seg) return first(seg.all);
  if ("any" in seg) return first(seg.any);
  if ("not" in seg) return propensityIn(seg.not);
  if ("propensity" in seg) return seg.propensity;
  return null;
}

function first(list: Segment[]): PropensityQuery | null {
  for (const s of list) {
    const q = propensityIn(s);
    if (q) return q;
  }
  return null;
}

export function computedColumnChoices(seg: Segment): ColumnChoice[] {
  const out: ColumnChoice[] = [
    { name: "$bestSendHour", label: "Best local send hour (0-23)" },
    { name: "$bestSendWeekday", label: "Best send weekday (1 = Monday)" },
  ];
  const q = propensityIn(seg);
  if (q) out.push({ name: "$propensityScore", label: `Propensity score (${q.target.event ?? "any event"})` });
  return out;
}
