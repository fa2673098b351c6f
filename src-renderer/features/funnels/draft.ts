import type { Duration, EventMatcher } from "../../../src-preload/contract/common.ts";
import type { FunnelOrder, FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { GlobalFilters } from "../../store/global-filters.ts";
import { globalQueryParts } from "../../store/global-filters.ts";

// The editor's state: a funnel query without the parts the top bar owns (range, timezone, segment).
// Pure reducers, so that reordering and removing steps keep exclusions pointing at the same steps.

export interface FunnelDraft {
  steps: EventMatcher[];
  window: Duration;
  order: FunnelOrder;
  exclusions: { event: EventMatcher; fromStep: number; toStep: number }[];
  /** kept whole, so a report's attribution and limit survive a round trip through the editor */
  breakdown: NonNullable<FunnelQuery["breakdown"]> | null;
  /** event properties held constant across the steps (issue 15) */
  holdConstant: string[];
  /** indexes of steps marked optional; only the valid ones reach the query (optionalFor) */
  optional: number[];
}

export function defaultDraft(events: readonly string[]): FunnelDraft {
  const pick = (preferred: string[], i: number): string | null =>
    preferred.find((p) => events.includes(p)) ?? events[i] ?? null;
  const steps = [
    pick(["view_item", "page_view", "view"], 0),
    pick(["add_to_cart", "cart"], 1),
    pick(["checkout_started", "checkout"], 2),
    pick(["purchase", "order"], 3),
  ]
    .filter((e, i, all): e is string => e !== null && all.indexOf(e) === i)
    .map((event) => ({ event }));
  return {
    steps: steps.length ? steps : [{ event: null }],
    window: { value: 14, unit: "day" },
    order: "ordered",
    exclusions: [],
    breakdown: null,
    holdConstant: [],
    optional: [],
  };
}

/** Index `i` after moving the element at `from` to `to`. */
function remap(i: number, from: number, to: number): number {
  if (i === from) return to;
  if (from < to && i > from && i <= to) return i - 1;
  if (to < from && i >= to && i < from) return i + 1;
  return i;
}

export function moveStep(d: FunnelDraft, from: number, to: number): FunnelDraft {
  const n = d.steps.length;
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return d;
  const steps = [...d.steps];
  const [moved] = steps.splice(from, 1);
  if (!moved) return d;
  steps.splice(to, 0, moved);
  // An exclusion stays between the same two steps; if the move puts them out of order it is swapped.
  const exclusions = d.exclusions.map((x) => {
    const a = remap(x.fromStep, from, to);
    const b = remap(x.toStep, from, to);
    return { ...x, fromStep: Math.min(a, b), toStep: Math.max(a, b) };
  });
  return {
    ...d,
    steps,
    exclusions: validExclusions(exclusions, n, d.order),
    breakdown: withAttributionStep(d.breakdown, (k) => remap(k, from, to)),
    optional: d.optional.map((k) => remap(k, from, to)),
  };
}

/** Keeps a breakdown attributed to a step pointing at the same step (or drops that attribution). */
function withAttributionStep(
  b: FunnelDraft["breakdown"],
  map: (k: number) => number | null,
): FunnelDraft["breakdown"] {
  const att = b?.attribution;
  if (!b || !att || typeof att !== "object") return b;
  const k = map(att.step);
  if (k === null) {
    const { attribution: _gone, ...rest } = b;
    return rest;
  }
  return { ...b, attribution: { step: k } };
}

export function removeStep(d: FunnelDraft, at: number): FunnelDraft {
  if (d.steps.length <= 1 || at < 0 || at >= d.steps.length) return d;
  const steps = d.steps.filter((_, i) => i !== at);
  const exclusions = d.exclusions
    .filter((x) => x.fromStep !== at && x.toStep !== at)
    .map((x) => ({
      ...x,
      fromStep: x.fromStep > at ? x.fromStep - 1 : x.fromStep,
      toStep: x.toStep > at ? x.toStep - 1 : x.toStep,
    }));
  return {
    ...d,
    steps,
    exclusions: validExclusions(exclusions, steps.length, d.order),
    breakdown: withAttributionStep(d.breakdown, (k) => (k === at ? null : k > at ? k - 1 : k)),
    optional: d.optional.filter((k) => k !== at).map((k) => (k > at ? k - 1 : k)),
  };
}

/**
 * Why step k cannot be optional in this draft, or null when it can (the contract's rules: ordered
 * funnels only, never the first or last step, never a step an exclusion or the attribution names).
 */
export function optionalBlocked(d: FunnelDraft, k: number): string | null {
  if (d.order !== "ordered") return "Optional steps need the In order step order";
  if (k === 0 || k === d.steps.length - 1) return "The first and the last step are always required";
  if (d.exclusions.some((x) => x.fromStep === k || x.toStep === k))
    return "An exclusion is bounded by this step";
  const att = d.breakdown?.attribution;
  if (att && typeof att === "object" && att.step === k) return "The breakdown is attributed to this step";
  return null;
}

/** The draft's optional steps that the query can take, in order. */
export function optionalFor(d: FunnelDraft): number[] {
  return [...new Set(d.optional)].filter((k) => optionalBlocked(d, k) === null).sort((a, b) => a - b);
}

export function toggleOptional(d: FunnelDraft, k: number): FunnelDraft {
  const on = d.optional.includes(k);
  return { ...d, optional: on ? d.optional.filter((x) => x !== k) : [...d.optional, k] };
}

export function setOrder(d: FunnelDraft, order: FunnelOrder): FunnelDraft {
  const last = d.steps.length - 1;
  // Unordered funnels only take exclusions spanning the whole funnel (spec): widen them.
  const exclusions =
    order === "unordered" ? d.exclusions.map((x) => ({ ...x, fromStep: 0, toStep: last })) : d.exclusions;
  return { ...d, order, exclusions: validExclusions(exclusions, d.steps.length, order) };
}

function validExclusions(
  xs: FunnelDraft["exclusions"],
  n: number,
  order: FunnelOrder,
): FunnelDraft["exclusions"] {
  return xs.filter(
    (x) =>
      x.fromStep >= 0 &&
      x.fromStep < x.toStep &&
      x.toStep < n &&
      (order !== "unordered" || (x.fromStep === 0 && x.toStep === n - 1)),
  );
}

/** A filter still being written (no property picked yet) is left out of the query. */
function cleanMatcher(m: EventMatcher): EventMatcher {
  const where = m.where?.filter((f) => f.property !== "");
  return where?.length ? { event: m.event, where } : { event: m.event };
}

export function draftToQuery(
  d: FunnelDraft,
  g: Pick<GlobalFilters, "range" | "timezone" | "segment">,
): FunnelQuery {
  const exclusions = validExclusions(d.exclusions, d.steps.length, d.order).map((x) => ({
    ...x,
    event: cleanMatcher(x.event),
  }));
  const optionalSteps = optionalFor(d);
  return {
    kind: "funnel",
    steps: d.steps.map(cleanMatcher),
    window: d.window,
    order: d.order,
    ...globalQueryParts(g),
    ...(exclusions.length ? { exclusions } : {}),
    ...(d.breakdown ? { breakdown: d.breakdown } : {}),
    ...(d.holdConstant.length ? { holdConstant: d.holdConstant } : {}),
    ...(optionalSteps.length ? { optionalSteps } : {}),
  };
}

export function queryToDraft(q: FunnelQuery): FunnelDraft {
  return {
    steps: q.steps,
    window: q.window ?? { value: 14, unit: "day" },
    order: q.order ?? "ordered",
    exclusions: q.exclusions ?? [],
    breakdown: q.breakdown ?? null,
    holdConstant: q.holdConstant ?? [],
    optional: q.optionalSteps ?? [],
  };
}
