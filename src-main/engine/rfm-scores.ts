import type { RfmGroupResult, RfmResult } from "../../src-preload/contract/results.ts";
import { RFM_GROUPS, type RfmGroupName } from "../../src-preload/contract/rfm-groups.ts";
import { quintileCuts, quintileEdgesOf, quintiles, scoreOf } from "./metrics/quintiles.ts";
import { outOfBounds } from "./typed-index.ts";

// RFM's second half: from each scored user's raw recency, frequency and monetary value to quintile
// scores, the ten groups and the result. Scores are quintiles 1..5 with ties sharing a score
// (stats.ts); recency is reversed so the most recent buyers score 5. The groups come from the recency
// x frequency grid (groupOf, resources/docs/metrics.md). Kept apart from the scan (rfm.ts) because
// the query workers' slices of users are scored here once they are joined: a quintile ranks every
// user.

/** The group of a (recency score, frequency score) cell. */
export function groupOf(r: number, f: number): RfmGroupName {
  if (r <= 2) return f <= 2 ? "hibernating" : f <= 4 ? "atRisk" : "cantLose";
  if (r === 3) return f <= 2 ? "aboutToSleep" : f === 3 ? "needAttention" : "loyal";
  if (r === 4) return f === 1 ? "promising" : f <= 3 ? "potentialLoyalists" : "loyal";
  return f === 1 ? "new" : f <= 3 ? "potentialLoyalists" : "champions";
}

/** Raw values of the scored users (those with at least one matching event in the range), by user index. */
export interface RfmValues {
  /** user indexes, ascending */
  users: Int32Array;
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** whether the query names a monetary property (without one, every monetary score is 0) */
  hasMonetary: boolean;
}

export interface RfmScores extends RfmValues {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** where scores 2..5 start (stats.ts quintiles); monetary's empty without a monetary property */
  edges: { recencyDays: number[]; frequency: number[]; monetary: number[] };
}

/** Slices of users' values joined in slice order (ascending user indexes, as one pass would list them). */
export function joinValues(parts: readonly RfmValues[]): RfmValues {
  const total = parts.reduce((n, p) => n + p.users.length, 0);
  const users = new Int32Array(total);
  const recencyDays = new Float64Array(total);
  const frequency = new Float64Array(total);
  const monetary = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    users.set(p.users, at);
    recencyDays.set(p.recencyDays, at);
    frequency.set(p.frequency, at);
    monetary.set(p.monetary, at);
    at += p.users.length;
  }
  return { users, recencyDays, frequency, monetary, hasMonetary: parts.some((p) => p.hasMonetary) };
}

export function scoreValues(values: RfmValues): RfmScores {
  const recency = quintiles(values.recencyDays, true);
  const frequency = quintiles(values.frequency);
  const monetary = values.hasMonetary
    ? quintiles(values.monetary)
    : { scores: new Uint8Array(values.users.length), edges: [] };
  return {
    ...values,
    r: recency.scores,
    f: frequency.scores,
    m: monetary.scores,
    edges: { recencyDays: recency.edges, frequency: frequency.edges, monetary: monetary.edges },
  };
}

/** Each group's users and sums, filled by each engine in its own order (float sums depend on it). */
export type RfmGroupSums = Map<
  RfmGroupName,
  { users: number; monetary: number; recency: number; frequency: number }
>;

export function emptyGroupSums(): RfmGroupSums {
  return new Map(RFM_GROUPS.map((g) => [g, { users: 0, monetary: 0, recency: 0, frequency: 0 }]));
}

/** The result's group rows from the sums, of `n` scored users in all. */
export function groupRows(acc: RfmGroupSums, n: number): RfmGroupResult[] {
  return RFM_GROUPS.map((group) => {
    const a = acc.get(group) ?? { users: 0, monetary: 0, recency: 0, frequency: 0 };
    return {
      group,
      users: a.users,
      share: n ? a.users / n : 0,
      monetary: a.monetary,
      avgRecencyDays: a.users ? a.recency / a.users : 0,
      avgFrequency: a.users ? a.frequency / a.users : 0,
    };
  });
}

/** The index in RFM_GROUPS of each (recency score, frequency score) cell's group, at (r - 1) * 5 + (f - 1). */
const GROUP_OF_CELL = Int32Array.from({ length: 25 }, (_, cell) =>
  RFM_GROUPS.indexOf(groupOf(Math.floor(cell / 5) + 1, (cell % 5) + 1)),
);

/**
 * The grid's cells and each group's users and sums, added in user order: every group's sum takes
 * its users' values in the order one pass over the users would (float sums depend on it).
 */
class GridSums {
  private readonly cells = new Int32Array(25);
  private readonly users = new Int32Array(RFM_GROUPS.length);
  private readonly monetary = new Float64Array(RFM_GROUPS.length);
  private readonly recency = new Float64Array(RFM_GROUPS.length);
  private readonly frequency = new Float64Array(RFM_GROUPS.length);
  private scored = 0;

  /** One user in the cell (r - 1) * 5 + (f - 1), with their raw values. */
  add(cell: number, monetary: number, recency: number, frequency: number): void {
    this.cells[cell] = (this.cells[cell] ?? outOfBounds()) + 1;
    const into = GROUP_OF_CELL[cell] ?? outOfBounds();
    this.users[into] = (this.users[into] ?? outOfBounds()) + 1;
    this.monetary[into] = (this.monetary[into] ?? outOfBounds()) + monetary;
    this.recency[into] = (this.recency[into] ?? outOfBounds()) + recency;
    this.frequency[into] = (this.frequency[into] ?? outOfBounds()) + frequency;
    this.scored++;
  }

  result(edges: RfmScores["edges"]): RfmResult {
    const acc: RfmGroupSums = new Map(
      RFM_GROUPS.map((name, at) => [
        name,
        {
          users: this.users[at] ?? outOfBounds(),
          monetary: this.monetary[at] ?? outOfBounds(),
          recency: this.recency[at] ?? outOfBounds(),
          frequency: this.frequency[at] ?? outOfBounds(),
        },
      ]),
    );
    const cells = this.cells;
    const grid = Array.from({ length: 5 }, (_, r) => Array.from(cells.subarray(r * 5, r * 5 + 5)));
    return { users: this.scored, groups: groupRows(acc, this.scored), grid, edges };
  }
}

/** The grid, the groups' sums in user order, and the edges, from every scored user's scores. */
export function rfmResult(scores: RfmScores): RfmResult {
  const sums = new GridSums();
  for (let i = 0; i < scores.users.length; i++) {
    sums.add(
      ((scores.r[i] ?? outOfBounds()) - 1) * 5 + ((scores.f[i] ?? outOfBounds()) - 1),
      scores.monetary[i] ?? outOfBounds(),
      scores.recencyDays[i] ?? outOfBounds(),
      scores.frequency[i] ?? outOfBounds(),
    );
  }
  return sums.result(scores.edges);
}

/**
 * rfmResult straight from the scanned values, of one pass or of the query workers' slices in slice
 * order: the grid needs each user's recency and frequency score only for their cell, and monetary
 * only its edges, so no joined copy of the slices and no array of scores is made (each fresh page
 * costs ~10 us on a slow VM: that copy and those arrays were most of the merge). The same answer
 * as rfmResult(scoreValues(joinValues(parts))), which still answers when a value is NaN.
 */
export function rfmResultOf(parts: readonly RfmValues[]): RfmResult {
  const recency = quintileCuts(
    parts.map((p) => p.recencyDays),
    true,
  );
  const frequency = quintileCuts(
    parts.map((p) => p.frequency),
    false,
  );
  if (recency === null || frequency === null) return rfmResult(scoreValues(joinValues(parts)));
  const sums = new GridSums();
  for (const slice of parts) {
    for (let i = 0; i < slice.users.length; i++) {
      const days = slice.recencyDays[i] ?? outOfBounds();
      const times = slice.frequency[i] ?? outOfBounds();
      const rScore = scoreOf(days, recency.cuts, true);
      const fScore = scoreOf(times, frequency.cuts, false);
      sums.add((rScore - 1) * 5 + (fScore - 1), slice.monetary[i] ?? outOfBounds(), days, times);
    }
  }
  return sums.result({
    recencyDays: recency.edges,
    frequency: frequency.edges,
    monetary: parts.some((p) => p.hasMonetary) ? quintileEdgesOf(parts.map((p) => p.monetary)) : [],
  });
}
