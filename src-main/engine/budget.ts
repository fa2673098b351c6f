import { StrataError } from "../../src-preload/contract/errors.ts";

// Every query has a time budget: validation bounds what a query may ask for, but a query that
// passes it can still be slow on a huge or hostile workspace, and a query that never ends blocks
// the window (or a CLI script) with no word. The engine's per-user loops already check for
// cancellation every few thousand users; they check the clock there too.

const DEFAULT_BUDGET_MS = 120_000;

/** ms a query may run; STRATA_QUERY_BUDGET_MS overrides it (tests, batch jobs on big files) */
export function queryBudgetMs(): number {
  const v = Number(process.env.STRATA_QUERY_BUDGET_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_BUDGET_MS;
}

export function deadlineFromNow(): number {
  return performance.now() + queryBudgetMs();
}

export function checkDeadline(deadline: number | undefined): void {
  if (deadline !== undefined && performance.now() > deadline)
    throw new StrataError(
      "too_long",
      `the query ran past its time budget (${Math.round(queryBudgetMs() / 1000)} s) and was stopped; use a shorter range, a coarser interval or a narrower segment`,
    );
}

/** More buckets than any chart shows is a mistake (or an attack), not a question. */
export const MAX_BUCKETS = 3_700;
