import { StrataError } from "../../src-preload/contract/errors.ts";
import {
  type ComputedColumn,
  isComputedColumn,
  type PropensityQuery,
} from "../../src-preload/contract/predict.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { QueryEngine } from "../engine/index.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import type { MemberPages } from "./members.ts";

// Export columns that no import holds: `$bestSendHour`, `$bestSendWeekday` and `$propensityScore`
// (spec/queries.md v1.1). The engine computes them for the segment once; each member of the pages
// then carries them as attributes, so every preset that takes extra attributes writes them like any
// other attribute.

export function computedColumns(attributes: readonly string[]): ComputedColumn[] {
  return attributes.filter(isComputedColumn);
}

export async function* withComputedColumns(
  pages: MemberPages,
  engine: () => QueryEngine,
  segment: Segment,
  columns: ComputedColumn[],
  propensity: PropensityQuery | undefined,
  signal?: AbortSignal,
  timezone?: string,
): MemberPages {
  if (columns.length === 0) {
    yield* pages;
    return;
  }
  if (columns.includes("$propensityScore") && propensity === undefined)
    throw new StrataError(
      "invalid_request",
      "the $propensityScore column needs the propensity query whose score it is (--propensity JSON)",
    );
  const computed = await engine().run(
    {
      kind: "userColumns",
      segment,
      columns,
      ...(propensity ? { propensity } : {}),
      ...(timezone ? { timezone } : {}),
    },
    signal,
  );
  const row = new Map<number, number>();
  computed.userIds.forEach((id, i) => {
    row.set(id, i);
  });
  for await (const page of pages) {
    for (const member of page.members) {
      const i = member.id === undefined ? undefined : row.get(member.id);
      columns.forEach((c, k) => {
        member.attributes[c] = i === undefined ? null : ((computed.values[k] ?? outOfBounds())[i] ?? null);
      });
    }
    yield page;
  }
}
