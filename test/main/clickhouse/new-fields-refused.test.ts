import { describe, expect, it } from "vitest";
import { makeChContext } from "../../../src-main/clickhouse/compile/context.ts";
import { runFunnelOn } from "../../../src-main/clickhouse/compile/funnel-result.ts";
import { segmentSql } from "../../../src-main/clickhouse/compile/segment.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";

// What the cluster still refuses of issue 15's funnel fields: an unordered funnel's exclusions
// (the local engine searches attempts with a budget the cluster cannot follow). It must refuse
// them by name (exit code 2 in the CLI) before sending anything, never answer without them. The
// refusal is pure, so no server is needed: the client below is never reached (port 9 discards).
// Everything else of issue 15 is answered (differential-funnel-fields.test.ts).

const ch = new ChHttp({ url: "http://127.0.0.1:9", user: "x", password: "", database: "x", cluster: "x" });
const ctx = makeChContext(
  { timezone: "UTC", weekStart: "monday", asOf: { mode: "latest" }, latestEventMs: null, notActivity: [] },
  {},
  () => undefined,
);
const range = { from: "2024-06-01", to: "2024-06-30" };
const unordered: FunnelQuery = {
  kind: "funnel",
  steps: [{ event: "signup" }, { event: "view" }, { event: "buy" }],
  range,
  order: "unordered",
  exclusions: [{ event: { event: "cancel" }, fromStep: 0, toStep: 2 }],
};
const refused = (field: string) =>
  new RegExp(`${field.replace(/\./g, "\\.")}: not answered on the ClickHouse cluster`);

describe("ClickHouse refuses what it does not compile (issue 15 fields)", () => {
  it("an unordered funnel's exclusions, as a query and inside a segment condition", async () => {
    await expect(runFunnelOn(ch, ctx, unordered)).rejects.toThrow(refused("query.exclusions"));
    expect(() => segmentSql(ctx, { funnel: unordered, reached: 1 })).toThrow(
      refused("segment.funnel.exclusions"),
    );
  });

  it("compiles the rest without refusing (ordered exclusions, options, hours, brackets)", () => {
    const seg = segmentSql(ctx, {
      all: [
        {
          funnel: {
            ...unordered,
            order: "ordered",
            optionalSteps: [1],
            holdConstant: ["platform"],
            conversionOverTime: "week",
          },
          droppedAfter: 1,
        },
        {
          retention: {
            kind: "retention",
            target: { event: "signup", where: [{ property: "$hour", op: "eq", value: 3 }] },
            return: { event: null, where: [{ property: "$event", op: "neq", value: "x" }] },
            interval: "hour",
            periods: 3,
            brackets: [{ from: 1, to: 2 }],
            range,
          },
          cohort: "2024-06-03T10:00",
        },
      ],
    });
    expect(seg).toContain("xt0");
  });
});
