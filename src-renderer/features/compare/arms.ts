import type { SavedSegment } from "../../../src-preload/contract/methods/saved.ts";
import type { NamedSegment } from "../../../src-preload/contract/metric-queries.ts";

// The segments ticked in Compare. A saved segment is ticked by its id and its definition is read
// from the saved list each time the query is built: a copy taken at tick time would go on comparing
// "High spenders" at $100 after the analyst changed it to $500 in Segments. Segments that are not
// saved (All users, the top bar's filter, one that only an opened report holds) are kept inline.

export type Arm = { savedId: string; name: string } | NamedSegment;

export const ALL: NamedSegment = { name: "All users", segment: { all: [] } };

/** What a checkbox stands for: a saved segment by id, any other by name. */
export function armKey(a: Arm): string {
  return "savedId" in a ? `saved:${a.savedId}` : `inline:${a.name}`;
}

export function savedArm(s: SavedSegment): Arm {
  return { savedId: s.id, name: s.name };
}

/**
 * The ticked arms as the query's segments, definitions and names from the saved list as it is now;
 * `gone` are the ticked saved segments the list no longer has (deleted since they were ticked).
 */
export function resolveArms(
  arms: readonly Arm[],
  saved: readonly SavedSegment[],
): { segments: NamedSegment[]; gone: Arm[] } {
  const segments: NamedSegment[] = [];
  const gone: Arm[] = [];
  for (const a of arms) {
    if (!("savedId" in a)) {
      segments.push(a);
      continue;
    }
    const s = saved.find((x) => x.id === a.savedId);
    if (s) segments.push({ name: s.name, segment: s.definition });
    else gone.push(a);
  }
  return { segments, gone };
}

/**
 * An opened report's segments as arms: one that is a saved segment as it stands now (same name and
 * definition) follows that segment from here on; any other stays the report's own copy.
 */
export function armsFromReport(segments: readonly NamedSegment[], saved: readonly SavedSegment[]): Arm[] {
  const same = (n: NamedSegment, s: SavedSegment) =>
    n.name === s.name && JSON.stringify(n.segment) === JSON.stringify(s.definition);
  return segments.map((n) => {
    const s = saved.find((x) => same(n, x));
    return s ? savedArm(s) : n;
  });
}

/** The checkboxes: All users, the top bar's segment, the saved ones, then any other ticked arm. */
export function armChoices(
  saved: readonly SavedSegment[],
  filter: { name: string; definition: NamedSegment["segment"] } | null,
  arms: readonly Arm[],
): Arm[] {
  const list: Arm[] = [ALL];
  if (filter && !saved.some((s) => s.name === filter.name) && filter.name !== ALL.name)
    list.push({ name: filter.name, segment: filter.definition });
  list.push(...saved.map(savedArm));
  for (const a of arms) if (!list.some((x) => armKey(x) === armKey(a))) list.push(a);
  return list;
}
