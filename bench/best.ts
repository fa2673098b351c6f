/**
 * The best (least) wall time of `runs` runs of a query, with the last run's answer. The engine,
 * metrics and trends areas time Strata and DuckDB the same way, TIMED_RUNS each (paths has its own
 * helper with CPU time, also five): with two, one slow run of a few milliseconds (a scavenge, the
 * VM's neighbours) decided a small workspace's ratio.
 */
export const TIMED_RUNS = 5;

export async function best(runs: number, f: () => Promise<unknown>): Promise<{ ms: number; value: unknown }> {
  let ms = Number.POSITIVE_INFINITY;
  let value: unknown;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value };
}
