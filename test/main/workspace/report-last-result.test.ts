import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InProcessEngine } from "../../../src-main/engine/index.ts";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { SavedItem } from "../../../src-preload/contract/methods/saved.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import type { QueryKind, QueryOf, ResultOf } from "../../../src-preload/contract/query-kinds.ts";
import { type Journeys, journeys, viewAndBuyFile } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// A saved report stores its last result whenever it runs (not only in tests), so a copy shared with
// --no-events still shows its numbers.

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function context(session: Session): HandlerContext {
  return {
    session,
    emit: () => undefined,
    dialogs: {
      openWorkspace: async () => null,
      newWorkspace: async () => null,
      chooseImportFiles: async () => [],
      saveFile: async () => null,
    },
  };
}

async function call<T>(ctx: HandlerContext, method: string, req: unknown): Promise<T> {
  const r = await dispatch(method, req, ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

const funnel = {
  kind: "funnel",
  steps: [{ event: "view" }, { event: "buy" }],
  range: { from: "2024-06-01", to: "2024-06-30" },
};
// the same query as a view builds it: other key order
const sameFunnel = {
  range: { to: "2024-06-30", from: "2024-06-01" },
  steps: [{ event: "view" }, { event: "buy" }],
  kind: "funnel",
};

describe("saved reports keep their last result", () => {
  it("running a saved report stores the result; saving a just-computed one stores it too", async () => {
    const j: Journeys = journeys({
      a: [
        ["view", "2024-06-03T10:00Z"],
        ["buy", "2024-06-03T11:00Z"],
      ],
      b: [["view", "2024-06-04T10:00Z"]],
    });
    const file = j.file;
    j.ws.close();
    cleanup = () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const session = new Session({ dataDir: tmpDir() });
    const ctx = context(session);
    await call(ctx, "workspaceOpen", { path: file });
    const saved = await call<SavedItem>(ctx, "savedCreate", {
      type: "report",
      name: "F",
      definition: funnel,
    });
    expect(saved.lastResult).toBeNull();
    const { result } = await call<{ result: { steps: { count: number }[] } }>(ctx, "queryRun", {
      query: sameFunnel,
    });
    expect(result.steps.map((s) => s.count)).toEqual([2, 1]);
    const after = await call<SavedItem>(ctx, "savedGet", { id: saved.id });
    expect(after.lastResult).toEqual(result);

    // computed first, saved afterwards (the usual order in the app)
    const retention = {
      kind: "retention",
      target: { event: "view" },
      return: { event: "buy" },
      interval: "day",
      periods: 3,
      range: { from: "2024-06-01", to: "2024-06-30" },
    };
    const { result: r2 } = await call<{ result: unknown }>(ctx, "queryRun", { query: retention });
    const s2 = await call<SavedItem>(ctx, "savedCreate", {
      type: "report",
      name: "R",
      definition: retention,
    });
    expect(s2.lastResult).toEqual(r2);
    await session.close();
  });

  it("an answer that arrives after its workspace was closed is cancelled and stored nowhere", async () => {
    const a = viewAndBuyFile();
    const b = viewAndBuyFile();
    cleanup = () => {
      for (const f of [a, b]) fs.rmSync(path.dirname(f), { recursive: true, force: true });
    };
    const session = new Session({ dataDir: tmpDir() });
    const ctx = context(session);
    await call(ctx, "workspaceOpen", { path: b });
    const inB = await call<SavedItem>(ctx, "savedCreate", { type: "report", name: "F", definition: funnel });
    await call(ctx, "workspaceOpen", { path: a });
    // a's events read through a connection of the test's own, which the switch does not close
    const aside = Workspace.open(a, { readonly: true });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // a runner that answers a's numbers only once the user has switched to b (a slow cluster query)
    const late = session
      .query(parseOrThrow(Query, funnel), undefined, {
        run: async <K extends QueryKind>(q: QueryOf<K>): Promise<ResultOf<K>> => {
          await held;
          return new InProcessEngine(aside.db).run(q);
        },
      })
      .then(
        () => "answered",
        (e: unknown) => e,
      );
    await call(ctx, "workspaceOpen", { path: b });
    release();
    expect(await late).toMatchObject({ code: "cancelled" });
    expect((await call<SavedItem>(ctx, "savedGet", { id: inB.id })).lastResult).toBeNull();
    aside.close();
    await session.close();
  });
});
