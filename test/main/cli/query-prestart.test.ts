import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { queryCommand } from "../../../src-main/cli/commands/query.ts";
import { main } from "../../../src-main/cli/main.ts";
import { oneShotEngine } from "../../../src-main/cli/one-shot-engine.ts";
import { prestartForQuery, withPrestartedWorkers } from "../../../src-main/cli/query-prestart.ts";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { dropPrestarted, prestartQueryWorkers, takePrestarted } from "../../../src-main/engine/prestart.ts";
import { stopThread } from "../../../src-main/engine/query-thread.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { allEnded } from "../../helpers/threads.ts";

// `strata query` starts the two query workers before its own modules load when the workspace's
// catalog counts enough events (cli/query-prestart.ts); the pool takes them, or the command ends
// them. Anything it cannot tell from its arguments and the catalog starts nothing.

let j: Journeys | undefined;
let ws: Workspace | undefined;
afterEach(async () => {
  await dropPrestarted();
  ws?.close();
  ws = undefined;
  j?.close();
  j = undefined;
});

const FUNNEL = {
  kind: "funnel",
  steps: [{ event: "signup" }, { event: "buy" }],
  range: { from: "2024-06-01", to: "2024-06-30" },
};

/** A workspace of 40 users with saved columns, closed; its file. */
function savedWorkspace(): string {
  const spec: JourneySpec = {};
  for (let i = 0; i < 40; i++)
    spec[`u${i}`] = [
      ["signup", `2024-06-0${1 + (i % 7)}T10:00Z`],
      ...(i % 3 ? ([["buy", `2024-06-1${i % 8}T09:00Z`]] as [string, string][]) : []),
    ];
  j = journeys(spec);
  writeColumns(j.ws.db, buildArrays(j.ws.db));
  j.ws.close();
  return j.file;
}

/** Whether threads wait for a `strata query` pool on `file` (taking and ending them). */
async function waitingFor(file: string): Promise<boolean> {
  const taken = [
    takePrestarted(path.resolve(file), false, true),
    takePrestarted(path.resolve(file), false, true),
  ];
  await Promise.all(taken.map((t) => t && stopThread(t)));
  return taken.every((t) => t !== null);
}

const twoCores = os.availableParallelism() >= 2;

describe("strata query's workers started ahead", () => {
  it.skipIf(!twoCores)("start from the catalog's count of events, and the pool takes them", async () => {
    const file = savedWorkspace();
    const started = prestartForQuery([file, JSON.stringify(FUNNEL)], 1);
    expect(started).toHaveLength(2);
    ws = Workspace.open(file, { readonly: true, quickCheck: false });
    const query = parseOrThrow(Query, FUNNEL);
    const engine = await oneShotEngine(ws, query, null, 1);
    try {
      expect(engine).not.toBeInstanceOf(InProcessEngine);
      expect(await engine.run(query)).toEqual(await new InProcessEngine(ws.db).run(query));
      // both taken by the pool, and working for it
      expect(takePrestarted(path.resolve(file), false, true)).toBeNull();
      expect(started.every((t) => t.exitCode() === null)).toBe(true);
    } finally {
      await engine.close();
    }
    await allEnded(started);
  });

  it.skipIf(!twoCores)(
    "start nothing below the count, elsewhere than here, or on a file not a workspace",
    async () => {
      const file = savedWorkspace();
      const q = JSON.stringify(FUNNEL);
      const cases: [string, string[], number][] = [
        ["fewer events than the threshold", [file, q], 1_000_000],
        ["a query on the cluster", [file, q, "--on", "clickhouse"], 1],
        ["a cluster's address", ["clickhouse://localhost:9000/db?cluster=c", q], 1],
        ["a missing file", [`${file}.missing`, q], 1],
        ["no query", [file], 1],
        ["an unknown option", [file, q, "--fast"], 1],
      ];
      for (const [what, argv, from] of cases) {
        expect(prestartForQuery(argv, from), what).toHaveLength(0);
        expect(await waitingFor(argv[0] ?? ""), what).toBe(false);
      }
      // the same arguments from the count do start them (so the cases above test something)
      expect(prestartForQuery([file, q], 1)).toHaveLength(2);
      expect(await waitingFor(file)).toBe(true);
    },
  );

  it("start nothing on a file that is not SQLite, or whose schema holds code", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-prestart-"));
    try {
      const junk = path.join(dir, "junk.strata");
      fs.writeFileSync(junk, Buffer.alloc(8192, 7));
      expect(prestartForQuery([junk, "{}"], 0)).toHaveLength(0);
      expect(await waitingFor(junk)).toBe(false);
      // a view named as the catalog: never queried, the connection refuses the file first
      const hostile = path.join(dir, "hostile.strata");
      const db = new Database(hostile);
      db.exec("CREATE VIEW event_names AS SELECT 99000000 AS count");
      db.close();
      expect(prestartForQuery([hostile, "{}"], 0)).toHaveLength(0);
      expect(await waitingFor(hostile)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!twoCores)("are ended once the command is done, when no pool took them", async () => {
    const file = savedWorkspace();
    const argv = [file, JSON.stringify(FUNNEL)];
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => {}, stdin: async () => "" };
    // a 40-user workspace: the query runs in the command's own thread (SPLIT_FROM_EVENTS)
    const started = prestartForQuery(argv, 1);
    expect(await withPrestartedWorkers(argv, () => queryCommand.run(argv, io))).toBe(0);
    expect(JSON.parse(out.join("")).steps[0].count).toBe(40);
    await allEnded(started);
    // and through the CLI's entry, for a query it refuses at once
    const threads = prestartQueryWorkers(path.resolve(file), 2, false, true);
    const err: string[] = [];
    const failing = { out: () => {}, err: (t: string) => err.push(t), stdin: async () => "" };
    expect(await main(["query", file, '{"kind":"nope"}'], failing)).toBe(2);
    expect(err.join("")).toMatch(/strata query: .*kind/);
    await allEnded(threads);
  });
});
