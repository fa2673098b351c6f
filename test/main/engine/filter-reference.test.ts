import { describe, expect, it } from "vitest";
import { matchValue } from "../../../src-main/engine/filters.ts";
import type { Filter, Scalar } from "../../../src-preload/contract/common.ts";
import { satisfies, type Value } from "./oracle/filter.ts";

// Every filter op against every kind of value, the engine's verdict against the reference's reading
// of the spec (oracle/filter.ts). Strings stay in the Basic Multilingual Plane: there UTF-16 order,
// which JavaScript's < uses, is code-point order (see the note in resources/docs/queries.md).

const scalars: Scalar[] = [0, 1, 1.5, -2, "", "a", "A", "ab", "Ab", "b", "é", "É", "10", "9", true, false];
const values: Value[] = [null, ...scalars];

function filters(): Filter[] {
  const out: Filter[] = [
    { property: "p", op: "isSet" },
    { property: "p", op: "isNotSet" },
  ];
  const single = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "notContains", "startsWith"] as const;
  for (const x of scalars) {
    for (const op of single) out.push({ property: "p", op, value: x });
    for (const y of scalars) out.push({ property: "p", op: "between", value: [x, y] });
    out.push({ property: "p", op: "in", value: [x] }, { property: "p", op: "notIn", value: [x, "b"] });
  }
  out.push({ property: "p", op: "in", value: [] }, { property: "p", op: "notIn", value: [] });
  return out;
}

describe("filters", () => {
  it("decide every op on every kind of value as the spec's reference does", () => {
    const disagreements: string[] = [];
    for (const f of filters())
      for (const v of values)
        if (matchValue(v, f) !== satisfies(f, v))
          disagreements.push(`${JSON.stringify(f)} on ${JSON.stringify(v)}`);
    expect(disagreements).toEqual([]);
  });
});
