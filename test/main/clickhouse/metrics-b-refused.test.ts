import { describe, expect, it } from "vitest";
import { runAcquisitionOn } from "../../../src-main/clickhouse/compile/acquisition.ts";
import { makeChContext } from "../../../src-main/clickhouse/compile/context.ts";
import { runUserColumnsOn } from "../../../src-main/clickhouse/compile/user-columns.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";

// What the metric kinds of compile/ (acquisition ... userColumns) still refuse, by name and before
// anything is sent: the client points at a port that discards, so a query sent would fail
// differently (a connection error, not the refusal).

const ch = new ChHttp({ url: "http://127.0.0.1:9", user: "x", password: "", database: "x", cluster: "x" });
const ctx = makeChContext(
  { timezone: "UTC", weekStart: "monday", asOf: { mode: "latest" }, latestEventMs: null, notActivity: [] },
  {},
  () => undefined,
);
const refused = (field: string) =>
  new RegExp(`${field.replace(/[.[\]$]/g, "\\$&")}: not answered on the ClickHouse cluster`);

describe("ClickHouse refuses by name what the metric kinds do not compile", () => {
  it("userColumns $propensityScore (the model is trained on this laptop)", async () => {
    await expect(
      runUserColumnsOn(ch, ctx, {
        kind: "userColumns",
        segment: { all: [] },
        columns: ["$bestSendHour", "$propensityScore"],
        propensity: { kind: "propensity", target: { event: "buy" }, horizon: { value: 7, unit: "day" } },
      }),
    ).rejects.toThrow(refused("columns[1]"));
  });

  it("acquisition grouped by a computed send-time attribute", async () => {
    await expect(
      runAcquisitionOn(ch, ctx, {
        kind: "acquisition",
        by: { property: "$bestSendWeekday", scope: "user" },
        range: { from: "2024-06-01", to: "2024-06-30" },
      }),
    ).rejects.toThrow(refused("by.property"));
  });
});
