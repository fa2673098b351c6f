import { useState } from "react";

/**
 * What the analyst clicked in a chart, kept for the query it was clicked on: once an answer to
 * another query is on screen (another range, event or depth) the pick is gone, since the same place
 * in the new chart stands for other users. `queryKey` is the JSON of the query that produced the
 * answer on screen.
 */
export function usePick<P>(queryKey: string): { value: P | null; choose(value: P | null): void } {
  const [pick, setPick] = useState<{ key: string; value: P } | null>(null);
  return {
    value: pick && pick.key === queryKey ? pick.value : null,
    choose: (value) => setPick(value === null ? null : { key: queryKey, value }),
  };
}
