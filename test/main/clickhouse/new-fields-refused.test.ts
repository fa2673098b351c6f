import { describe, expect, it } from "vitest";
import { makeChContext } from "../../../src-main/clickhouse/compile/context.ts";
import { runFunnelOn } from "../../../src-main/clickhouse/compile/funnel-result.ts";
import { runRetentionOn } from "../../../src-main/clickhouse/compile/retention.ts";
import { segmentSql } from "../../../src-main/clickhouse/compile/segment.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import type { FunnelQuery, RetentionQuery } from "../../../src-preload/contract/queries.ts";

// Issue 15's funnel and retention fields are not compiled to ClickHouse SQL: the cluster must
// refuse them by name (exit code 2 in the CLI) before sending anything, never answer without them.
// The refusal is pure, so no server is needed: the client below is never reached (port 9 discards).

const ch = new ChHttp({ url: "http://127.0.0.1:9", user: "x", password: "", database: "x", cluster: "x" });
const ctx = makeChContext(
  { timezone: "UTC", weekStart: "monday", asOf: { mode: "latest" }, latestEventMs: null },
  {},
  () => undefined,
);
const range = { from: "2024-06-01", to: "2024-06-30" };
const funnel: FunnelQuery = {
  kind: "funnel",
  steps: [{ event: "signup" }, { event: "view" }, { event: "buy" }],
  range,
};
const retention: RetentionQuery = {
  kind: "retention",
  target: { event: "signup" },
  return: { event: "open" },
  interval: "day",
  periods: 3,
  range,
};
const refused = (field: string) =>
  new RegExp(`${field.replace(/\./g, "\\.")}: not answered on the ClickHouse cluster`);

describe("ClickHouse refuses what it does not compile (issue 15 fields)", () => {
  it("funnel holdConstant, optionalSteps and conversionOverTime", async () => {
    await expect(runFunnelOn(ch, ctx, { ...funnel, holdConstant: ["platform"] })).rejects.toThrow(
      refused("query.holdConstant"),
    );
    await expect(runFunnelOn(ch, ctx, { ...funnel, optionalSteps: [1] })).rejects.toThrow(
      refused("query.optionalSteps"),
    );
    await expect(runFunnelOn(ch, ctx, { ...funnel, conversionOverTime: "day" })).rejects.toThrow(
      refused("query.conversionOverTime"),
    );
    expect(() => segmentSql(ctx, { funnel: { ...funnel, optionalSteps: [1] }, reached: 1 })).toThrow(
      refused("segment.funnel.optionalSteps"),
    );
  });

  it("retention hours and brackets", async () => {
    await expect(runRetentionOn(ch, ctx, { ...retention, interval: "hour" })).rejects.toThrow(
      refused("query.interval"),
    );
    await expect(runRetentionOn(ch, ctx, { ...retention, brackets: [{ from: 1, to: 2 }] })).rejects.toThrow(
      refused("query.brackets"),
    );
    expect(() =>
      segmentSql(ctx, { retention: { ...retention, interval: "hour" }, cohort: "2024-06-03T10:00" }),
    ).toThrow(refused("segment.retention.interval"));
  });
});
