import { afterEach, describe, expect, it } from "vitest";
import { InProcessEngine } from "../../../../src-main/engine/in-process-engine.ts";
import { WorkerPool } from "../../../../src-main/engine/pool.ts";
import { modelsFitted } from "../../../../src-main/engine/propensity/run-propensity.ts";
import { parseOrThrow } from "../../../../src-main/validate.ts";
import { Query } from "../../../../src-preload/contract/queries.ts";
import { Segment } from "../../../../src-preload/contract/segment.ts";
import { type Journeys, journeys } from "../../../helpers/journeys.ts";
import { twoWorkers } from "../../../helpers/pool.ts";
import { AS_OF, planted } from "./planted.ts";

// A propensity model is fitted once per query and workspace, however many workers or passes need
// it: a segment split over the pool's two workers, a second condition on the same model, the
// members of an export, the Predict view's own query and the export's score column. The answers are
// the single-threaded engine's.

let j: Journeys | undefined;
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.reset();
  pool = undefined;
  j?.close();
});

const MODEL = { kind: "propensity", target: { event: "purchase" }, horizon: { value: 14, unit: "day" } };
// the same query with its keys in another order (views build queries their own way)
const SAME_MODEL = { horizon: { unit: "day", value: 14 }, target: { event: "purchase" }, kind: "propensity" };
const TOP = parseOrThrow(Segment, { propensity: MODEL, topPercent: 20 }, "segment");

const QUERIES = [
  { kind: "segmentCount", segment: { propensity: MODEL, topPercent: 20 } },
  {
    kind: "segmentCount",
    segment: {
      all: [
        { propensity: SAME_MODEL, score: { op: "gte", value: 0.05 } },
        { propensity: MODEL, topPercent: 50 },
      ],
    },
  },
  MODEL,
  {
    kind: "userColumns",
    segment: { propensity: MODEL, topPercent: 20 },
    columns: ["$propensityScore"],
    propensity: MODEL,
  },
  {
    kind: "funnel",
    steps: [{ event: "view" }, { event: "purchase" }],
    range: { last: 30, unit: "day" },
    segment: { propensity: MODEL, topPercent: 30 },
  },
].map((q) => parseOrThrow(Query, q, "query"));

describe("propensity models are trained once", () => {
  it("across the pool's workers and queries, with the single-threaded answers", async () => {
    j = journeys(planted(300, "signal"), { asOf: { mode: "fixed", date: AS_OF } });
    const local = new InProcessEngine(j.ws.db);
    pool = new WorkerPool(twoWorkers(j.ws, false));
    for (const q of QUERIES) expect(await pool.run(q)).toEqual(await local.run(q));
    expect(await pool.memberIds(TOP)).toEqual(await local.memberIds(TOP));
    expect(pool.modelsFitted).toBe(1);
    // another horizon is another model
    const other = parseOrThrow(Query, { ...MODEL, horizon: { value: 7, unit: "day" } }, "query");
    expect(await pool.run(other)).toEqual(await local.run(other));
    expect(pool.modelsFitted).toBe(2);
  });

  it("in one thread, for every condition and pass that needs the model", async () => {
    j = journeys(planted(200, "signal"), { asOf: { mode: "fixed", date: AS_OF } });
    const local = new InProcessEngine(j.ws.db);
    const before = modelsFitted();
    for (const q of QUERIES) await local.run(q);
    await local.memberIds(TOP);
    expect(modelsFitted() - before).toBe(1);
  });
});
