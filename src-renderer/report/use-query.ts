import { useEffect, useRef, useState } from "react";
import type { Query, QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import { call, isCancelled, runQuery, StrataError } from "../api/client.ts";
import { effectiveRunOn, useCluster } from "../store/cluster.ts";
import { useDataKey } from "../store/data-key.ts";
import { useNavigation } from "../store/navigation.ts";

export type QueryPhase = "idle" | "running" | "done" | "error";

export interface QueryState<K extends QueryKind> {
  phase: QueryPhase;
  /** the latest answer; kept while a newer query runs so nothing jumps */
  result: ResultOf<K> | null;
  /** the query that produced `result` (for "create segment from this") */
  resultQuery: Query | null;
  error: StrataError | null;
  /** true once a run has taken longer than 1 s: show progress and Cancel */
  slow: boolean;
  /** true once a run has taken longer than 150 ms: faint busy state */
  busy: boolean;
  /** ms the last finished run took, as the renderer saw it (request to answer) */
  lastMs: number | null;
  /** answers received so far (tests wait for it to move) */
  runs: number;
  cancel(): void;
}

export const CANCELLED = "cancelled before an answer; change any setting to run it again";

function asStrataError(e: unknown): StrataError {
  if (e instanceof StrataError) return e;
  return new StrataError("internal", e instanceof Error ? e.message : String(e));
}

/**
 * Runs `query` on `channel` whenever its JSON changes (after `debounceMs`). A newer query on the same
 * channel cancels the older one in the main process; late answers of superseded runs are ignored here.
 * The short debounce only folds bursts (typing a number) into one run; a click feels immediate.
 */
export function useQuery<K extends QueryKind>(
  query: QueryOf<K> | null,
  channel: string,
  debounceMs = 80,
): QueryState<K> {
  const [state, setState] = useState<Omit<QueryState<K>, "cancel">>({
    phase: "idle",
    result: null,
    resultQuery: null,
    error: null,
    slow: false,
    busy: false,
    lastMs: null,
    runs: 0,
  });
  const seq = useRef(0);
  const key = query ? JSON.stringify(query) : "";
  // the same query asks again when the data behind it changes (data-key.ts)
  const dataKey = useDataKey();

  // the top bar's "Run on" switch: the same query on the connected cluster, same answer
  const on = useCluster(effectiveRunOn);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the JSON key stands for the query
  useEffect(() => {
    if (!query) {
      setState((s) => ({ ...s, phase: "idle", busy: false, slow: false }));
      return;
    }
    const id = ++seq.current;
    const timers: ReturnType<typeof setTimeout>[] = [];
    timers.push(
      setTimeout(() => {
        const started = performance.now();
        setState((s) => ({ ...s, phase: "running", error: null }));
        // Busy and slow only apply while this run is still waiting for its answer.
        let waiting = true;
        const still = () => waiting && seq.current === id;
        timers.push(setTimeout(() => still() && setState((s) => ({ ...s, busy: true })), 150));
        timers.push(setTimeout(() => still() && setState((s) => ({ ...s, slow: true })), 1000));
        runQuery(query, channel, on).then(
          (result) => {
            waiting = false;
            if (seq.current !== id) return;
            const ms = performance.now() - started;
            useCluster.getState().record(useNavigation.getState().view, on, ms);
            setState((s) => ({
              runs: s.runs + 1,
              phase: "done",
              result,
              resultQuery: query,
              error: null,
              slow: false,
              busy: false,
              lastMs: ms,
            }));
          },
          (e: unknown) => {
            waiting = false;
            if (seq.current !== id) return;
            if (isCancelled(e)) {
              setState((s) => ({ ...s, phase: s.result ? "done" : "idle", busy: false, slow: false }));
              return;
            }
            setState((s) => ({ ...s, phase: "error", error: asStrataError(e), busy: false, slow: false }));
          },
        );
      }, debounceMs),
    );
    return () => {
      for (const t of timers) clearTimeout(t);
    };
  }, [key, dataKey, channel, debounceMs, on]);

  const cancel = () => {
    seq.current++;
    void call("queryCancel", { channel }).catch(() => undefined);
    // with no answer yet, a chart waiting for one would spin for ever: say it was cancelled instead
    setState((s) =>
      s.result
        ? { ...s, phase: "done", busy: false, slow: false }
        : { ...s, phase: "error", error: new StrataError("cancelled", CANCELLED), busy: false, slow: false },
    );
  };
  return { ...state, cancel };
}
