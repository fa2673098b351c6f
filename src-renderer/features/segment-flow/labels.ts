import type { FlowState } from "../../../src-preload/contract/paths.ts";

// State labels as the contract takes them (1 to 200 characters, unique, never $none or $notYet),
// checked while the analyst types so a state is never applied that the query would refuse.

export const MAX_LABEL = 200;

/** Why `label` cannot name a state beside the `others`, or null when it can. */
export function labelProblem(label: string, others: readonly FlowState[]): string | null {
  const l = label.trim();
  if (l === "") return "Give the state a name.";
  if (l.length > MAX_LABEL) return `At most ${MAX_LABEL} characters.`;
  if (l === "$none" || l === "$notYet") return `“${l}” is reserved for users in no state or not yet seen.`;
  if (others.some((s) => s.label === l)) return `Another state is already called “${l}”.`;
  return null;
}

/** `base`, or `base 2`, `base 3`... whichever no state has yet. */
export function unusedLabel(base: string, states: readonly FlowState[]): string {
  let n = 1;
  let l = base;
  while (states.some((s) => s.label === l)) l = `${base} ${++n}`;
  return l;
}
