import { useEffect, useRef, useState } from "react";
import type { SegmentCountResult } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { isCancelled, runQuery } from "../../api/client.ts";
import { useDataKey } from "../../store/data-key.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";

// The builder's live user count: debounced ~200 ms after the last edit, on one channel so main
// cancels a superseded count. The previous number stays visible (faint) while the next one runs.
export interface LiveCount {
  result: SegmentCountResult | null;
  busy: boolean;
  error: unknown;
  /** milliseconds from the last edit to its answer on screen (includes the debounce) */
  lastMs: number | null;
}

export const DEBOUNCE_MS = 200;

export function useLiveCount(segment: Segment): LiveCount {
  const json = JSON.stringify(segment);
  const timezone = useGlobalFilters((s) => s.timezone);
  const dataKey = useDataKey();
  const [state, setState] = useState<LiveCount>({ result: null, busy: true, error: null, lastMs: null });
  const seq = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the data too (data-key.ts), which the count is of
  useEffect(() => {
    const mine = ++seq.current;
    const editedAt = performance.now();
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(async () => {
      try {
        const seg = JSON.parse(json) as Segment;
        const result = await runQuery(
          { kind: "segmentCount", segment: seg, ...(timezone ? { timezone } : {}) },
          "segment-builder",
        );
        if (mine !== seq.current) return;
        setState({ result, busy: false, error: null, lastMs: Math.round(performance.now() - editedAt) });
      } catch (e) {
        if (mine !== seq.current || isCancelled(e)) return;
        setState((s) => ({ ...s, busy: false, error: e }));
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [json, timezone, dataKey]);
  return state;
}
