import type { PathsQuery, PathsResult } from "../../../src-preload/contract/paths.ts";
import type { EngineContext } from "../context.ts";
import { outOfBounds } from "../typed-index.ts";
import { type UserPaths, walkPaths } from "./walk.ts";

// Paths per spec/queries.md: at every step the `limit` names with the most users are kept, the rest
// become "$other" (an event really named "$other" is never kept, so it joins that bucket). Ties in
// any ordering: more users first, then the name (code-unit order).

function inc(a: Int32Array, i: number): void {
  a[i] = (a[i] ?? outOfBounds()) + 1;
}

export const OTHER = "$other";

export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One step's kept names: `slot[code]` is the index of the code's label in `names` (last: $other). */
export interface StepLabels {
  names: string[];
  slot: Int32Array;
}

export function stepLabels(eventNames: readonly string[], paths: UserPaths, limit: number): StepLabels[] {
  const { depth, codes, len } = paths;
  const out: StepLabels[] = [];
  for (let k = 0; k < depth; k++) {
    const users = new Int32Array(eventNames.length);
    for (let u = 0; u < len.length; u++)
      if ((len[u] ?? outOfBounds()) > k) inc(users, codes[u * depth + k] ?? outOfBounds());
    const seen: number[] = [];
    for (let c = 0; c < eventNames.length; c++)
      if ((users[c] ?? outOfBounds()) > 0 && eventNames[c] !== OTHER) seen.push(c);
    seen.sort(
      (a, b) =>
        (users[b] ?? outOfBounds()) - (users[a] ?? outOfBounds()) ||
        byName(eventNames[a] ?? outOfBounds(), eventNames[b] ?? outOfBounds()),
    );
    const kept = seen.slice(0, limit);
    const names = [...kept.map((c) => eventNames[c] ?? outOfBounds()), OTHER];
    const slot = new Int32Array(eventNames.length).fill(kept.length);
    kept.forEach((c, i) => {
      slot[c] = i;
    });
    out.push({ names, slot });
  }
  return out;
}

/** The labels of user u's path, step 0 first. */
export function pathOf(paths: UserPaths, labels: StepLabels[], u: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < (paths.len[u] ?? outOfBounds()); k++) {
    const l = labels[k] ?? outOfBounds();
    out.push(
      l.names[l.slot[paths.codes[u * paths.depth + k] ?? outOfBounds()] ?? outOfBounds()] ?? outOfBounds(),
    );
  }
  return out;
}

export function ranked<T extends { step: number; users: number }>(xs: T[], name: (x: T) => string): T[] {
  return xs.sort((a, b) => a.step - b.step || b.users - a.users || byName(name(a), name(b)));
}

export async function runPaths(
  ctx: EngineContext,
  query: PathsQuery,
  members: Uint8Array | null,
): Promise<PathsResult> {
  const paths = walkPaths(ctx, query, members);
  const labels = stepLabels(ctx.tl.eventNames, paths, query.limit ?? 10);
  const { depth, codes, len } = paths;
  const slotsPerStep = 51; // at most limit (50) names and $other per step
  const nodeN = new Int32Array(depth * slotsPerStep);
  const dropN = new Int32Array(depth * slotsPerStep);
  const linkN = new Int32Array(depth * slotsPerStep * slotsPerStep);
  for (let user = 0; user < len.length; user++) {
    const pathLength = len[user] ?? outOfBounds();
    if (pathLength === 0) continue;
    let prev = -1;
    for (let k = 0; k < pathLength; k++) {
      const slot =
        (labels[k] ?? outOfBounds()).slot[codes[user * depth + k] ?? outOfBounds()] ?? outOfBounds();
      inc(nodeN, k * slotsPerStep + slot);
      if (k > 0) inc(linkN, ((k - 1) * slotsPerStep + prev) * slotsPerStep + slot);
      prev = slot;
    }
    if (pathLength < depth) inc(dropN, (pathLength - 1) * slotsPerStep + prev);
  }
  const nodes: PathsResult["nodes"] = [];
  const dropOff: PathsResult["dropOff"] = [];
  const links: PathsResult["links"] = [];
  for (let k = 0; k < depth; k++) {
    const names = (labels[k] ?? outOfBounds()).names;
    const next = k + 1 < depth ? (labels[k + 1] ?? outOfBounds()).names : [];
    names.forEach((event, s) => {
      const users = nodeN[k * slotsPerStep + s] ?? outOfBounds();
      if (users > 0) nodes.push({ step: k, event, users });
      const d = dropN[k * slotsPerStep + s] ?? outOfBounds();
      if (d > 0) dropOff.push({ step: k, event, users: d });
      next.forEach((to, t) => {
        const l = linkN[(k * slotsPerStep + s) * slotsPerStep + t] ?? outOfBounds();
        if (l > 0) links.push({ step: k, from: event, to, users: l });
      });
    });
  }
  return {
    direction: paths.direction,
    nodes: ranked(nodes, (x) => x.event),
    links: ranked(links, (x) => `${x.from}\u0000${x.to}`),
    dropOff: ranked(dropOff, (x) => x.event),
  };
}
