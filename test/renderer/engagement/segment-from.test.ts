import { afterEach, describe, expect, it } from "vitest";
import { readActivity } from "../../../src-main/workspace/activity.ts";
import type { LifecycleQuery } from "../../../src-preload/contract/queries.ts";
import type { LifecycleResult, SegmentCountResult } from "../../../src-preload/contract/results.ts";
import {
  heatmapCellSegment,
  hourSpan,
  LIFECYCLE_STATUSES,
  lifecycleSegment,
} from "../../../src-renderer/features/engagement/segment-from.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../../main/engine/run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const RANGE = { from: "2024-06-01", to: "2024-06-30" };

describe("heatmap cell -> segment", () => {
  it("names the cell and filters the heatmap's event by ISO weekday and hour", () => {
    const s = heatmapCellSegment({ event: { event: null }, range: RANGE }, 1, 14, []);
    expect(s.name).toBe("Users active on Tuesday 14:00–15:00");
    expect(s.definition).toEqual({
      performed: {
        event: null,
        where: [
          { property: "$weekday", op: "eq", value: 2 },
          { property: "$hour", op: "eq", value: 14 },
        ],
      },
      within: RANGE,
    });
  });

  it("keeps the event's filters, the query's where and the global segment", () => {
    const s = heatmapCellSegment(
      {
        event: { event: "buy", where: [{ property: "plan", op: "eq", value: "pro" }] },
        where: [{ property: "country", op: "eq", value: "DE" }],
        range: { last: 30, unit: "day" },
        segment: { inSegment: "seg_1" },
      },
      6,
      23,
      ["email_sent"],
    );
    expect(s.name).toBe("Users doing buy on Sunday 23:00–24:00");
    expect(s.definition).toEqual({
      all: [
        { inSegment: "seg_1" },
        {
          performed: {
            event: "buy",
            where: [
              { property: "plan", op: "eq", value: "pro" },
              { property: "country", op: "eq", value: "DE" },
              { property: "$weekday", op: "eq", value: 7 },
              { property: "$hour", op: "eq", value: 23 },
            ],
          },
          within: { last: 30, unit: "day" },
        },
      ],
    });
    expect(hourSpan(9)).toBe("09:00–10:00");
  });
});

describe("lifecycle bar -> segment", () => {
  const q: LifecycleQuery = {
    kind: "lifecycle",
    event: { event: "open" },
    interval: "week",
    range: { from: "2024-06-03", to: "2024-06-23" },
  };

  it("uses the clicked period and the one before it", () => {
    const s = lifecycleSegment(q, "dormant", "2024-06-10", []);
    expect(s.name).toBe("Dormant users in week of Jun 10");
    expect(s.definition).toEqual({
      all: [
        { performed: { event: "open" }, within: { from: "2024-06-03", to: "2024-06-09" } },
        { not: { performed: { event: "open" }, within: { from: "2024-06-10", to: "2024-06-16" } } },
      ],
    });
    const month = lifecycleSegment({ ...q, interval: "month" }, "new", "2024-03-01", []);
    expect(month.definition).toEqual({
      all: [
        { performed: { event: "open" }, within: { from: "2024-03-01", to: "2024-03-31" } },
        { firstSeen: { from: "2024-03-01", to: "2024-03-31" } },
      ],
    });
    const day = lifecycleSegment({ ...q, interval: "day" }, "returning", "2024-03-01", []);
    expect(day.definition).toEqual({
      all: [
        { performed: { event: "open" }, within: { from: "2024-03-01", to: "2024-03-01" } },
        { performed: { event: "open" }, within: { from: "2024-02-29", to: "2024-02-29" } },
      ],
    });
  });

  it("selects as many users as the engine's lifecycle counts, per status and period", async () => {
    j = journeys({
      steady: [
        ["open", "2024-06-03T10:00Z"],
        ["open", "2024-06-11T10:00Z"],
        ["open", "2024-06-18T10:00Z"],
      ],
      leaves: [
        ["open", "2024-06-04T10:00Z"],
        ["open", "2024-06-12T10:00Z"],
      ],
      comes_back: [
        ["open", "2024-05-20T10:00Z"],
        ["open", "2024-06-13T10:00Z"],
      ],
      late_newcomer: [
        ["signup", "2024-06-17T09:00Z"],
        ["open", "2024-06-17T10:00Z"],
      ],
      signed_up_only: [["signup", "2024-06-10T09:00Z"]],
    });
    const life = await runQuery<LifecycleResult>(j, q);
    let checked = 0;
    for (const p of life.periods) {
      for (const status of LIFECYCLE_STATUSES) {
        const { definition } = lifecycleSegment(q, status, p.start, []);
        const got = await runQuery<SegmentCountResult>(j as Journeys, {
          kind: "segmentCount",
          segment: definition,
        });
        expect(got.users, `${status} in ${p.start}`).toBe(Math.abs(p[status]));
        if (p[status] !== 0) checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it("any activity: the segment leaves message deliveries out as the lifecycle does", async () => {
    j = journeys({
      steady: [
        ["open", "2024-06-03T10:00Z"],
        ["open", "2024-06-11T10:00Z"],
      ],
      // a delivery in week 2 must not keep them "returning"
      mailed: [
        ["open", "2024-06-04T10:00Z"],
        ["email_sent", "2024-06-12T10:00Z"],
        ["open", "2024-06-19T10:00Z"],
      ],
      only_mailed: [
        ["email_sent", "2024-06-05T10:00Z"],
        ["push_sent", "2024-06-13T10:00Z"],
      ],
    });
    const any: LifecycleQuery = { ...q, event: { event: null } };
    const notActivity = readActivity(j.ws.db).exclude;
    expect(notActivity).toEqual(["email_sent", "push_sent"]);
    const life = await runQuery<LifecycleResult>(j, any);
    let checked = 0;
    for (const p of life.periods) {
      for (const status of LIFECYCLE_STATUSES) {
        const { definition } = lifecycleSegment(any, status, p.start, notActivity);
        const got = await runQuery<SegmentCountResult>(j as Journeys, {
          kind: "segmentCount",
          segment: definition,
        });
        expect(got.users, `${status} in ${p.start}`).toBe(Math.abs(p[status]));
        if (p[status] !== 0) checked++;
      }
    }
    // week 2: steady returning, mailed dormant; week 3: mailed resurrecting, steady dormant
    expect(life.periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant])).toEqual([
      [2, 0, 0, 0],
      [0, 1, 0, -1],
      [0, 0, 1, -1],
    ]);
    expect(checked).toBe(5);
  });
});
