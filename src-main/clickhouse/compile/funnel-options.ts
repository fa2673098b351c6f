import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";

// The funnel options of spec/queries.md "Funnel options" as SQL over one user's sorted event
// arrays (see funnel.ts: ts times, nm names, mk required-step bits, om optional-step bits, xm
// exclusion bits, hv held values, ix indexes), each as engine/funnel/{exclusions,hold,optional}.ts
// decides it.

/** The query's steps split as the local engine's plan splits them (engine/funnel/plan.ts). */
export interface StepPlan {
  /** the query's index of each required step */
  required: number[];
  /** optional steps: query index, and the required steps around it (plan numbering) */
  optional: { k: number; prev: number; next: number }[];
  /** exclusions renumbered to required steps, as in the plan */
  exclusions: { from: number; to: number }[];
}

export function stepPlan(q: FunnelQuery): StepPlan {
  const skip = new Set(q.optionalSteps ?? []);
  const required = q.steps.map((_, k) => k).filter((k) => !skip.has(k));
  return {
    required,
    optional: q.steps.flatMap((_, k) => {
      if (!skip.has(k)) return [];
      const next = required.findIndex((r) => r > k);
      return [{ k, prev: next - 1, next }];
    }),
    exclusions: (q.exclusions ?? []).map((e) => ({
      from: required.indexOf(e.fromStep),
      to: required.indexOf(e.toStep),
    })),
  };
}

/**
 * An event's held values as one tuple: per property (type tag, number, string), with a missing
 * value a value of its own and 1 and "1" different (hold.ts); `+ 0.` makes -0 and 0 one value.
 */
export function heldSql(props: readonly string[]): string {
  if (props.length === 0) return "toUInt8(0)";
  const parts = props.map((p) => {
    noteProperty("event", p);
    const keySlotSql = `indexOf(p_keys, ${str(p)})`;
    const tag = `p_types[${keySlotSql}]`;
    return `${tag}, if(${tag} IN (1, 3), p_num[${keySlotSql}] + 0., 0.), if(${tag} = 2, p_str[${keySlotSql}], '')`;
  });
  return `tuple(${parts.join(", ")})`;
}

/** The instants of exclusion x's events (bound as xt0, xt1, ... in funnel.ts). */
export function exclusionTimes(plan: StepPlan): string[] {
  return plan.exclusions.map((_, x) => `arrayFilter((t, m) -> bitAnd(m, ${2 ** x}) != 0, ts, xm)`);
}

/**
 * No exclusion covering step k's pair has an instant strictly between a and b (exclusions.ts
 * pairOk: an exclusion at the instant of a step event does not count).
 */
export function pairOkSql(plan: StepPlan, k: number, a: string, b: string): string {
  const parts: string[] = [];
  plan.exclusions.forEach((e, x) => {
    if (e.from <= k - 1 && k <= e.to) parts.push(`NOT arrayExists(v -> v > ${a} AND v < ${b}, xt${x})`);
  });
  return parts.length === 0 ? "1" : parts.join(" AND ");
}

/**
 * An attempt of `r` steps (an expression) that stops before an exclusion's toStep: no exclusion
 * instant after its last step up to and including the deadline (exclusions.ts tailOk).
 */
export function tailOkSql(plan: StepPlan, r: string, last: string, deadline: string): string {
  const parts = plan.exclusions.map(
    (e, x) =>
      `NOT (${e.from} <= ${r} - 1 AND ${r} - 1 < ${e.to} AND arrayExists(v -> v > ${last} AND v <= ${deadline}, xt${x}))`,
  );
  return parts.length === 0 ? "1" : parts.join(" AND ");
}

/** A strict attempt `p` (its one attempt per start) is kept when no exclusion drops it. */
export function strictKeptSql(plan: StepPlan, n: number, W: number): string {
  const parts: string[] = [];
  for (let k = 1; k < n; k++)
    parts.push(`(length(p) <= ${k} OR (${pairOkSql(plan, k, `ts[p[${k}]]`, `ts[p[${k + 1}]]`)}))`);
  parts.push(tailOkSql(plan, "length(p)", "ts[p[-1]]", `ts[p[1]] + ${W}`));
  return parts.join(" AND ");
}

/**
 * The ordered funnel's attempt from start s that reaches `r` steps (an expression: the furthest
 * reach without exclusions) and that no exclusion drops, as the local engine's depth-first search
 * finds it: the smallest sequence of event indexes. Level by level, every partial attempt is
 * extended by every eligible event in index order (so each level's list stays in lexicographic
 * order); two partial attempts whose futures are the same (the same last event and the same events
 * used at its instant) keep only the first. The attempt is the first of level r - 1 whose tail is
 * clean; an empty array when none is (the start is dropped).
 */
export function orderedAvoidingSql(plan: StepPlan, n: number, W: number, r: string): string {
  const key =
    "concat(toString(p[-1]), ':', arrayStringConcat(arrayMap(x -> toString(x), arraySort(arrayFilter(j -> ts[j] = ts[p[-1]], p))), ','))";
  const dedupe = (list: string) =>
    `arrayMap(L -> arrayMap(K -> arrayFilter((p, i) -> indexOf(K, ${key}) = i, L, arrayEnumerate(L)), [arrayMap(p -> ${key}, L)])[1], [${list}])[1]`;
  const expand = (k: number, F: string) => {
    const ok =
      `bitAnd(m, ${2 ** k}) != 0 AND t <= ts[s] + ${W} AND ` +
      `(t > ts[p[-1]] OR (t = ts[p[-1]] AND c != nm[p[-1]] AND NOT has(p, j))) AND ${pairOkSql(plan, k, "ts[p[-1]]", "t")}`;
    const grown = `arrayMap(p -> arrayMap(j -> arrayPushBack(p, j), arrayFilter((j, t, c, m) -> ${ok}, ix, ts, nm, mk)), ${F})`;
    return dedupe(`arrayReduce('groupArrayArray', ${grown})`);
  };
  const levels = Array.from({ length: n }, (_, k) => `f${k}`);
  const tail = tailOkSql(plan, r, "ts[p[-1]]", `ts[s] + ${W}`);
  let body = `arrayFilter(p -> ${tail}, [${levels.join(", ")}][${r}])[1]`;
  for (let k = n - 1; k >= 1; k--) body = `arrayMap(f${k} -> ${body}, [${expand(k, `f${k - 1}`)}])[1]`;
  return `arrayMap(f0 -> ${body}, [[[s]]])[1]`;
}

/**
 * Optional step o's event (an index, 0 for none): the earliest one strictly after the previous
 * required step's event and strictly before the next one's (or up to and including first-step
 * time + window when the attempt stops before it), with the first-step event's held values.
 */
export function optionalIndexSql(
  o: { prev: number; next: number },
  bit: number,
  W: number,
  held: boolean,
): string {
  const lo = `ts[best[${o.prev + 1}]]`;
  const hi = `if(reach > ${o.next}, t < ts[best[${o.next + 1}]], t <= ts[best[1]] + ${W})`;
  const same = held ? " AND h = hv[best[1]]" : "";
  return `if(reach > ${o.prev}, arrayFirstIndex((t, m, h) -> bitAnd(m, ${bit}) != 0 AND t > ${lo} AND ${hi}${same}, ts, om, hv), 0)`;
}
