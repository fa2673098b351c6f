import { afterEach, describe, expect, it } from "vitest";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { appEngine, createEngine, InProcessEngine } from "../../../src-main/engine/index.ts";
import { cutAt } from "../../../src-main/engine/pool.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

function many(): Journeys {
  const spec: Record<string, [string, string, Record<string, number>?][]> = {};
  for (let i = 0; i < 50; i++) {
    spec[`u${i}`] = [
      ["signup", `2024-06-0${1 + (i % 5)}T10:00Z`, { x: i % 3 }],
      ...(i % 2 ? ([["view", `2024-06-0${1 + (i % 5)}T11:00Z`]] as [string, string][]) : []),
      ...(i % 3 ? ([["buy", `2024-06-0${2 + (i % 5)}T09:00Z`]] as [string, string][]) : []),
    ];
  }
  return journeys(spec);
}

const JUNE = { from: "2024-06-01", to: "2024-06-30" };
const PROPENSITY = { kind: "propensity", target: { event: "buy" }, horizon: { value: 7, unit: "day" } };

const QUERIES = [
  {
    kind: "funnel",
    steps: [{ event: "signup" }, { event: "view" }, { event: "buy" }],
    range: { from: "2024-06-01", to: "2024-06-30" },
    breakdown: { property: "x" },
  },
  {
    kind: "segmentCount",
    segment: { any: [{ performed: { event: "view" } }, { performed: { event: "buy" } }] },
  },
  {
    kind: "retention",
    target: { event: "signup" },
    return: { event: "buy" },
    interval: "day",
    periods: 3,
    range: { from: "2024-06-01", to: "2024-06-05" },
  },
  {
    kind: "lifecycle",
    event: { event: null },
    interval: "day",
    range: { from: "2024-06-01", to: "2024-06-07" },
  },
  {
    kind: "stickiness",
    event: { event: null },
    interval: "day",
    range: { from: "2024-06-01", to: "2024-06-07" },
    mode: "cumulative",
  },
  { kind: "segmentMembers", segment: { performed: { event: "buy" } }, limit: 5 },
  {
    kind: "trends",
    series: [{ event: { event: "view" } }, { event: { event: null }, measure: "users" }],
    interval: "day",
    range: { from: "2024-06-01", to: "2024-06-07" },
    breakdown: { property: "x", limit: 1 },
  },
  // a property's sum: runs whole in one worker (a sum added slice by slice could differ in its last bits)
  {
    kind: "trends",
    series: [
      { event: { event: "buy" }, measure: { fn: "sum", property: "x" } },
      { event: { event: "view" } },
    ],
    interval: "day",
    range: { from: "2024-06-01", to: "2024-06-07" },
    breakdown: { property: "x", limit: 1 },
  },
  {
    kind: "funnel",
    steps: [{ event: "signup" }, { event: "buy" }],
    range: { from: "2024-06-01", to: "2024-06-30" },
    conversionOverTime: "week",
  },
  // the other row joins values' groups that each joined two slices' step times (joined-group.ts)
  {
    kind: "funnel",
    steps: [{ event: "signup" }, { event: "buy" }],
    range: { from: "2024-06-01", to: "2024-06-30" },
    breakdown: { property: "x", limit: 1 },
  },
  { kind: "paths", start: { event: "signup" }, depth: 3, range: { from: "2024-06-01", to: "2024-06-30" } },
  {
    kind: "segmentFlow",
    states: [{ label: "Buyer", segment: { performed: { event: "buy" } } }],
    at: ["2024-06-02", "2024-06-10"],
  },
  PROPENSITY,
  { kind: "bestSendTime" },
  // sliced over the workers: each trains the same model on every user and keeps its slice
  { kind: "segmentCount", segment: { propensity: PROPENSITY, topPercent: 30 } },
  // sliced: each worker scans its users, the quintiles rank the joined values of all of them
  { kind: "rfm", event: { event: "buy" }, range: JUNE },
  {
    kind: "rfm",
    event: { event: "signup" },
    monetary: "x",
    frequencyDistinct: "x",
    range: JUNE,
    segment: { performed: { event: "view" } },
  },
  {
    kind: "segmentCount",
    segment: {
      rfm: ["champions", "loyal", "new"],
      query: { kind: "rfm", event: { event: "buy" }, range: JUNE },
    },
  },
  // sliced: each worker counts its users per day and period, the sums and rates come after
  { kind: "activeUsers", range: JUNE },
  {
    kind: "activeUsers",
    range: { from: "2024-06-03", to: "2024-06-20" },
    interval: "week",
    event: { event: "buy" },
  },
  { kind: "activeUsers", range: JUNE, interval: "month", segment: { performed: { event: "view" } } },
  // sliced: each worker counts its users and their events per feature and period
  { kind: "featureAdoption", range: JUNE },
  {
    kind: "featureAdoption",
    range: JUNE,
    interval: "day",
    events: ["buy", "view", "nothing"],
    segment: { performed: { event: "signup" } },
  },
  // sliced: each worker counts its users per period, for everyone and per segment
  { kind: "churn", interval: "week", range: JUNE },
  {
    kind: "churn",
    interval: "day",
    range: { from: "2024-06-01", to: "2024-06-08" },
    segment: { performed: { event: "signup" } },
    segments: [
      { name: "viewers", segment: { performed: { event: "view" } } },
      { name: "buyers", segment: { performed: { event: "buy" } } },
    ],
  },
  // sliced: each worker tallies its users' sessions, the medians rank both slices' lengths
  { kind: "sessions", range: JUNE },
  {
    kind: "sessions",
    range: JUNE,
    gap: { value: 1, unit: "hour" },
    segment: { performed: { event: "buy" } },
  },
  // sliced: each worker's paying events are summed once both are in, in user order
  { kind: "revenue", event: { event: "signup" }, property: "x", range: JUNE, interval: "day" },
  {
    kind: "revenue",
    event: { event: "signup" },
    property: "x",
    range: JUNE,
    interval: "week",
    where: [{ property: "x", op: "gt", value: 0 }],
    segment: { performed: { event: "view" } },
  },
  // sliced: each worker counts its users' events (or users) per cell
  { kind: "activityHeatmap", range: JUNE },
  { kind: "activityHeatmap", range: JUNE, measure: "users", event: { event: "buy" } },
  {
    kind: "activityHeatmap",
    range: JUNE,
    timezone: "America/New_York",
    segment: { performed: { event: "view" } },
  },
].map((q) => parseOrThrow(Query, q));

describe("worker pool engine", () => {
  it("cuts users into slices of about equal events, not equal users", () => {
    const offsets = Int32Array.from([0, 10, 10, 20, 40]);
    expect([0, 0.5, 1].map((x) => cutAt(offsets, x))).toEqual([0, 3, 4]);
    expect(cutAt(Int32Array.from([0, 0, 0]), 0.5)).toBe(0);
  });

  it("answers every kind exactly as the in-process engine, with users split across two workers", async () => {
    j = many();
    const pooled = createEngine(j.ws, { workers: 2 });
    const local = new InProcessEngine(j.ws.db);
    try {
      for (const q of QUERIES) expect(await pooled.run(q)).toEqual(await local.run(q));
    } finally {
      await pooled.close();
    }
  });

  it("answers every kind and every member list alike as the app opens the columns (lazy arrays)", async () => {
    j = many();
    // saved columns, read in parts: the events' seqs and the users' ids are left out of the open, and
    // a worker reads them when a kind first needs them (a property column built from the events,
    // segment flow, member ids)
    writeColumns(j.ws.db, buildArrays(j.ws.db));
    const app = appEngine(j.ws);
    const local = new InProcessEngine(j.ws.db);
    try {
      for (const q of QUERIES) expect(await app.run(q)).toEqual(await local.run(q));
      const segment = { performed: { event: "buy" } };
      expect(Array.from(await app.memberIds(segment))).toEqual(Array.from(await local.memberIds(segment)));
    } finally {
      await app.close();
    }
  });

  it("rejects a superseded query as cancelled and keeps answering the next one", async () => {
    j = many();
    const pooled = createEngine(j.ws, { workers: 2 });
    try {
      const ctl = new AbortController();
      const first = pooled.run(QUERIES[0] as Query, ctl.signal);
      ctl.abort();
      await expect(first).rejects.toMatchObject({ code: "cancelled" });
      expect(await pooled.run(QUERIES[1] as Query)).toMatchObject({ ofTotal: 50 });
    } finally {
      await pooled.close();
    }
  });

  it("rejects queries still running when the workspace changes, instead of leaving them hanging", async () => {
    j = many();
    const pooled = createEngine(j.ws, { workers: 1 });
    try {
      await pooled.run(QUERIES[1] as Query);
      const running = pooled.run(QUERIES[0] as Query);
      pooled.invalidate();
      await expect(running).rejects.toMatchObject({ code: "cancelled" });
    } finally {
      await pooled.close();
    }
  });

  it("sees new events after invalidate()", async () => {
    j = many();
    const pooled = createEngine(j.ws, { workers: 1 });
    const q = QUERIES[1] as Query;
    try {
      const before = (await pooled.run(q)) as { ofTotal: number };
      j.ws.db.transaction(() => {
        j?.ws.db.prepare("INSERT INTO users (id, external_id) VALUES (1000, 'late')").run();
      })();
      pooled.invalidate();
      expect(await pooled.run(q)).toMatchObject({ ofTotal: before.ofTotal + 1 });
    } finally {
      await pooled.close();
    }
  });
});
