import { describe, expect, it } from "vitest";
import { makeChContext } from "../../../src-main/clickhouse/compile/context.ts";
import { runTrendsOn } from "../../../src-main/clickhouse/compile/trends.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import type { TrendsQuery } from "../../../src-preload/contract/trends.ts";

// What the cluster refuses of trends: a breakdown or measure over a virtual property ($event,
// $hour, $weekday) and a breakdown by a computed send-time attribute. It must refuse by name
// before sending anything; the client below is never reached (port 9 discards). Everything else
// of trends is answered (differential-trends.test.ts).

const ch = new ChHttp({ url: "http://127.0.0.1:9", user: "x", password: "", database: "x", cluster: "x" });
const ctx = makeChContext(
  { timezone: "UTC", weekStart: "monday", asOf: { mode: "latest" }, latestEventMs: null, notActivity: [] },
  {},
  () => undefined,
);
const base: TrendsQuery = {
  kind: "trends",
  series: [{ event: { event: "buy" } }],
  interval: "day",
  range: { from: "2024-06-01", to: "2024-06-30" },
};
const refused = (field: string) =>
  new RegExp(`${field.replace(/[.[\]]/g, "\\$&")}: not answered on the ClickHouse cluster`);

describe("ClickHouse refuses the trends fields it does not compile", () => {
  it("a virtual property as breakdown or measure, a computed attribute as breakdown", async () => {
    await expect(runTrendsOn(ch, ctx, { ...base, breakdown: { property: "$hour" } })).rejects.toThrow(
      refused("breakdown.property"),
    );
    await expect(
      runTrendsOn(ch, ctx, {
        ...base,
        series: [
          { event: { event: "buy" } },
          { event: { event: null }, measure: { fn: "sum", property: "$weekday" } },
        ],
      }),
    ).rejects.toThrow(refused("series[1].measure.property"));
    await expect(
      runTrendsOn(ch, ctx, { ...base, breakdown: { property: "$bestSendHour", scope: "user" } }),
    ).rejects.toThrow(refused("breakdown.property"));
  });
});
