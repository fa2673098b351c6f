import os from "node:os";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ColumnSaver } from "../../../src-main/cli/column-saver.ts";
import { namesASegment, oneShotEngine } from "../../../src-main/cli/one-shot-engine.ts";
import { catalogEvents, SPLIT_FROM_EVENTS } from "../../../src-main/cli/query-prestart.ts";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { PROPERTY_KEYS, propertyNames } from "../../../src-main/engine/property-names.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import { type JourneyEvent, type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { savedColumns } from "../../helpers/saved-columns.ts";

// `strata query` answers in its own thread, or, on a workspace of SPLIT_FROM_EVENTS events,
// in the app's two query workers (cli/one-shot-engine.ts), when its saved columns are current and
// so are those of the event properties it reads: the workers then build nothing. Either way the
// answer is the same.

let j: Journeys | undefined;
let ws: Workspace | undefined;
afterEach(() => {
  ws?.close();
  ws = undefined;
  j?.close();
  j = undefined;
});

const q = (x: unknown) => parseOrThrow(Query, x);
const SPLIT = [
  q({ kind: "segmentCount", segment: { performed: { event: "buy" } } }),
  q({
    kind: "funnel",
    steps: [{ event: "signup" }, { event: "view" }, { event: "buy" }],
    range: { from: "2024-06-01", to: "2024-06-30" },
  }),
  q({
    kind: "lifecycle",
    event: { event: "view" },
    interval: "week",
    range: { from: "2024-06-01", to: "2024-06-30" },
  }),
  q({ kind: "sessions", range: { from: "2024-06-01", to: "2024-06-30" } }),
];
const REVENUE = q({
  kind: "revenue",
  event: { event: "buy" },
  property: "price",
  range: { from: "2024-06-01", to: "2024-06-30" },
});
/** A segment that reads the price as a column (a sum of it per user). */
const SUM_PRICE = q({
  kind: "segmentCount",
  segment: { aggregate: { event: "buy" }, property: "price", fn: "sum", compare: { op: "gt", value: 1 } },
});
const WHOLE = q({ kind: "segmentMembers", segment: { performed: { event: "buy" } } });

/**
 * A workspace with saved columns, closed (its write lock released), then opened as `strata query`
 * does; `sessionIds`: its views carry the default session property.
 */
function savedThenOpened(sessionIds = false, priceAttribute = false): Workspace {
  const spec: JourneySpec = {};
  for (let i = 0; i < 40; i++) {
    const evs: JourneyEvent[] = [["signup", `2024-06-0${1 + (i % 7)}T10:00Z`]];
    for (let k = 0; k < i % 5; k++)
      evs.push(
        k % 2
          ? ["buy", `2024-06-1${k}T0${k}:00Z`, { price: i + k }]
          : ["view", `2024-06-1${k}T0${k}:00Z`, sessionIds ? { session_id: i % 3 } : {}],
      );
    // a user attribute named as an event property
    spec[`u${i}`] = priceAttribute ? { events: evs, attributes: { price: i } } : evs;
  }
  j = journeys(spec);
  writeColumns(j.ws.db, buildArrays(j.ws.db));
  j.ws.close();
  ws = Workspace.open(j.file, { readonly: true, quickCheck: false });
  return ws;
}

/**
 * Saves the event property columns `names` into the workspace `savedThenOpened` made, as a first
 * query does; with `values`, their values where events have one too, as a first revenue query does.
 */
function saveProps(names: string[], values = false): Workspace {
  ws?.close();
  const file = j?.file ?? "";
  const rw = Workspace.open(file, { quickCheck: false });
  const tl = openTimeline(rw.db, { save: true });
  for (const name of names) {
    tl.propColumn(name);
    if (values) tl.propValues(name);
  }
  rw.close();
  ws = Workspace.open(file, { readonly: true, quickCheck: false });
  return ws;
}

/** Asserts that `strata query` runs `query` on `opened` in the workers, with the answer of one thread. */
async function answersInWorkers(opened: Workspace, query: Query): Promise<void> {
  const engine = await oneShotEngine(opened, query, null, 1);
  try {
    expect(engine).not.toBeInstanceOf(InProcessEngine);
    expect(await engine.run(query)).toEqual(await new InProcessEngine(opened.db).run(query));
  } finally {
    await engine.close();
  }
}

// the workers are used only where the machine has two cores
const twoCores = os.availableParallelism() >= 2;

describe("the engine of one CLI query", () => {
  it.skipIf(!twoCores)(
    "splits a query over two query workers from the threshold, to the answer of one thread",
    async () => {
      const opened = savedThenOpened();
      const events = opened.db.prepare("SELECT count(*) FROM events").pluck().get();
      expect(catalogEvents(opened.db)).toBe(events);
      for (const query of SPLIT) await answersInWorkers(opened, query);
    },
  );

  it("answers in this thread below the threshold, and for a kind that runs whole", async () => {
    const opened = savedThenOpened();
    const [first] = SPLIT;
    if (!first) throw new Error("no query");
    expect(SPLIT_FROM_EVENTS).toBeGreaterThan(1_000_000);
    expect(await oneShotEngine(opened, first, null)).toBeInstanceOf(InProcessEngine);
    expect(await oneShotEngine(opened, WHOLE, null, 1)).toBeInstanceOf(InProcessEngine);
  });

  it.skipIf(!twoCores)(
    "reads a property in this thread until its column is saved for these events, then in the workers",
    async () => {
      savedThenOpened();
      const range = { from: "2024-06-01", to: "2024-06-30" };
      // read only where events have a value: in the workers once those values are saved
      const ofValues = [REVENUE, q({ kind: "rfm", event: { event: "buy" }, monetary: "price", range })];
      const ofKinds = [
        SUM_PRICE,
        q({
          kind: "segmentCount",
          segment: { performed: { event: "buy", where: [{ property: "price", op: "gt", value: 3 }] } },
        }),
        q({
          kind: "funnel",
          steps: [{ event: "signup" }, { event: "buy" }],
          range,
          breakdown: { property: "price" },
        }),
      ];
      for (const query of [...ofValues, ...ofKinds]) {
        expect(propertyNames(query)).toEqual(["price"]);
        expect(await oneShotEngine(ws as Workspace, query, null, 1)).toBeInstanceOf(InProcessEngine);
      }
      // a price on more than a quarter of the events: its column is saved without its values
      const opened = saveProps(["price"]);
      for (const query of ofKinds) await answersInWorkers(opened, query);
      // where this process can save the values, it takes them here and saves them; where it cannot
      // (no saver: a decrypted copy, the app's lock, read-only storage) the workers take them
      const saver = new ColumnSaver(j?.file ?? "");
      try {
        for (const query of ofValues)
          expect(await oneShotEngine(opened, query, saver, 1)).toBeInstanceOf(InProcessEngine);
      } finally {
        saver.close();
      }
      for (const query of ofValues) await answersInWorkers(opened, query);
      const withValues = saveProps(["price"], true);
      for (const query of [...ofValues, ...ofKinds]) await answersInWorkers(withValues, query);
      for (const query of SPLIT) expect(propertyNames(query)).toEqual([]);
    },
  );

  it.skipIf(!twoCores)("reads a user attribute or a saved segment in this thread", async () => {
    savedThenOpened(false, true);
    // the event property's column is saved: only the attribute of the same name keeps it here
    const opened = saveProps(["price"]);
    const byAttribute = q({
      kind: "segmentCount",
      segment: { attribute: { property: "price", op: "gt", value: 1 } },
    });
    expect(await oneShotEngine(opened, byAttribute, null, 1)).toBeInstanceOf(InProcessEngine);
    // (a name that is both stays here whatever reads it: the check is by name)
    const inSegment = q({ kind: "segmentCount", segment: { inSegment: "s1" } });
    expect(namesASegment(inSegment)).toBe(true);
    expect(await oneShotEngine(ws as Workspace, inSegment, null, 1)).toBeInstanceOf(InProcessEngine);
  });

  it.skipIf(!twoCores)(
    "reads sessions in this thread where events carry the default session property until its column is saved",
    async () => {
      const opened = savedThenOpened(true);
      const range = { from: "2024-06-01", to: "2024-06-30" };
      const byDefault = q({ kind: "sessions", range });
      expect(propertyNames(byDefault)).toEqual([]);
      expect(await oneShotEngine(opened, byDefault, null, 1)).toBeInstanceOf(InProcessEngine);
      const gapOnly = q({ kind: "sessions", range, sessionProperty: null });
      const withIds = saveProps(["session_id"]);
      for (const query of [gapOnly, byDefault]) await answersInWorkers(withIds, query);
    },
  );

  it.skipIf(!twoCores)(
    "routes to the workers on columns saved with a previous version's stamp, which they read",
    async () => {
      savedThenOpened();
      saveProps(["price"]);
      ws?.close();
      // the stamp's third field held the user count before it was "-" (stamp.ts comparableStamp)
      const rw = new Database(j?.file ?? "");
      for (const name of ["timeline.meta", "eventprop.meta.price"]) {
        const meta = JSON.parse(
          String(rw.prepare("SELECT data FROM engine_columns WHERE name = ?").pluck().get(name)),
        ) as { stamp: string };
        meta.stamp = meta.stamp.replace(/^(\d+:\d+:)-:/, "$140:");
        rw.prepare("UPDATE engine_columns SET data = ? WHERE name = ?").run(
          Buffer.from(JSON.stringify(meta)),
          name,
        );
      }
      rw.close();
      ws = Workspace.open(j?.file ?? "", { readonly: true, quickCheck: false });
      await answersInWorkers(ws, SUM_PRICE);
      // that version saved no values where events have one: revenue takes them here first
      const saver = new ColumnSaver(j?.file ?? "");
      try {
        expect(await oneShotEngine(ws, REVENUE, saver, 1)).toBeInstanceOf(InProcessEngine);
      } finally {
        saver.close();
      }
    },
  );

  it("reads a lazy array first asked for while a statement steps (a user attribute read row by row)", async () => {
    j = journeys({
      ann: { events: [["signup", "2024-06-01T10:00Z"]], attributes: { plan: "pro" } },
      bob: [["signup", "2024-06-03T10:00Z"]],
      cid: { attributes: { plan: "free" } },
    });
    writeColumns(j.ws.db, buildArrays(j.ws.db));
    j.ws.close();
    ws = Workspace.open(j.file, { readonly: true, quickCheck: false });
    const opened = ws;
    const byAttribute = q({
      kind: "segmentCount",
      segment: { attribute: { property: "plan", op: "eq", value: "pro" } },
    });
    const engine = await oneShotEngine(opened, byAttribute, null);
    expect(engine).toBeInstanceOf(InProcessEngine);
    // the users' ids load lazily inside the read of the users' rows
    expect(await engine.run(byAttribute)).toEqual(await new InProcessEngine(opened.db).run(byAttribute));
  });

  it("finds a property under any of the contract's keys for one, at any depth, and a saved segment", () => {
    const keys = [
      "property",
      "monetary",
      "frequencyDistinct",
      "revenueProperty",
      "sessionProperty",
      "holdConstant",
      "by",
    ];
    expect([...PROPERTY_KEYS].sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(propertyNames({ kind: "x", deep: [{ [key]: "price" }] })).toEqual(["price"]);
      expect(propertyNames({ kind: "x", deep: [{ [key]: null }] })).toEqual([]);
    }
    expect(propertyNames({ holdConstant: ["a", "b"], by: { property: "a" } })).toEqual(["a", "b"]);
    expect(namesASegment({ kind: "segmentCount", segment: { all: [{ inSegment: "s1" }] } })).toBe(true);
    expect(namesASegment({ kind: "segmentCount", segment: { inSegment: null } })).toBe(false);
  });

  it.skipIf(!twoCores)(
    "answers in this thread when the saved columns are stale, which it builds and saves",
    async () => {
      const opened = savedThenOpened();
      const file = j?.file ?? "";
      const [funnel] = SPLIT.slice(1);
      if (!funnel) throw new Error("no query");
      const expected = await new InProcessEngine(opened.db).run(funnel);
      const timeline = () => savedColumns(file).filter((n) => n.startsWith("timeline."));
      ws?.close();
      const cleared = new Database(file);
      cleared.prepare("DELETE FROM engine_columns").run();
      cleared.close();
      ws = Workspace.open(file, { readonly: true, quickCheck: false });
      const saver = new ColumnSaver(file);
      const engine = await oneShotEngine(ws, funnel, saver, 1);
      try {
        expect(engine).toBeInstanceOf(InProcessEngine);
        expect(await engine.run(funnel)).toEqual(expected);
      } finally {
        await engine.close();
        saver.close();
      }
      expect(timeline()).toContain("timeline.meta");
      // current again: the workers answer
      const next = await oneShotEngine(ws, funnel, null, 1);
      try {
        expect(next).not.toBeInstanceOf(InProcessEngine);
      } finally {
        await next.close();
      }
    },
  );
});
