import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import type { StrataEvent } from "../../../src-preload/contract/events.ts";
import { tmpDir } from "../../helpers/tmp.ts";

function context(): HandlerContext & { events: StrataEvent[] } {
  const events: StrataEvent[] = [];
  return {
    session: new Session({ dataDir: tmpDir() }),
    emit: (e) => events.push(e),
    dialogs: {
      openWorkspace: async () => null,
      newWorkspace: async () => null,
      chooseImportFiles: async () => [],
      saveFile: async () => null,
    },
    events,
  };
}

describe("dispatch: the main-process boundary", () => {
  it("refuses unknown methods", async () => {
    const r = await dispatch("deleteEverything", {}, context());
    expect(r).toEqual({
      ok: false,
      error: { code: "invalid_request", message: "unknown method deleteEverything" },
    });
  });

  it("names the offending field of a bad request", async () => {
    const r = await dispatch(
      "queryRun",
      { query: { kind: "funnel", steps: [], range: { last: 7, unit: "day" } } },
      context(),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("invalid_request");
      expect(r.error.message).toMatch(/^query\.steps: a funnel needs at least one step/);
    }
  });

  it("names unknown fields and unknown timezones", async () => {
    const ctx = context();
    const a = await dispatch(
      "queryRun",
      { query: { kind: "segmentCount", segment: { all: [] }, colour: 1 } },
      ctx,
    );
    expect(!a.ok && a.error.message).toMatch(/query: unknown field "colour"/);
    const b = await dispatch("workspaceSetSettings", { timezone: "Mars/Olympus" }, ctx);
    expect(!b.ok && b.error.message).toMatch(/timezone: unknown timezone/);
  });

  it("names a field deep inside a segment tree", async () => {
    const r = await dispatch(
      "queryRun",
      { query: { kind: "segmentCount", segment: { all: [{ any: [{ performed: { event: 7 } }] }] } } },
      context(),
    );
    expect(!r.ok && r.error.message).toMatch(/^query\.segment\.all\[0\]\.any\[0\]\.performed\.event: /);
  });

  it("rejects exclusions outside the funnel", async () => {
    const r = await dispatch(
      "queryRun",
      {
        query: {
          kind: "funnel",
          steps: [{ event: "a" }, { event: "b" }],
          range: { last: 7, unit: "day" },
          exclusions: [{ event: { event: "x" }, fromStep: 1, toStep: 1 }],
        },
      },
      context(),
    );
    expect(!r.ok && r.error.message).toMatch(/query\.exclusions\[0\]: needs 0 <= fromStep < toStep < 2/);
  });

  it("answers not_open before a workspace is opened, then works once one is", async () => {
    const ctx = context();
    const before = await dispatch("savedList", {}, ctx);
    expect(!before.ok && before.error.code).toBe("not_open");
    const created = await dispatch(
      "workspaceCreate",
      { path: path.join(ctx.session.dataDir, "w.strata") },
      ctx,
    );
    expect(created.ok).toBe(true);
    const info = await dispatch("workspaceInfo", {}, ctx);
    expect(info.ok && (info.value as { events: number }).events).toBe(0);
    await ctx.session.close();
  });

  it("saves the open workspace under a new name and continues there, refusing an existing file", async () => {
    const ctx = context();
    const first = path.join(ctx.session.dataDir, "first.strata");
    await dispatch("workspaceCreate", { path: first }, ctx);
    await dispatch("savedCreate", { type: "segment", name: "Everyone", definition: { all: [] } }, ctx);
    const second = path.join(ctx.session.dataDir, "second.strata");
    const saved = await dispatch("workspaceSaveAs", { path: second }, ctx);
    expect(saved.ok && (saved.value as { path: string }).path).toBe(second);
    const list = await dispatch("savedList", {}, ctx);
    expect(list.ok && (list.value as { name: string }[]).map((s) => s.name)).toEqual(["Everyone"]);
    const again = await dispatch("workspaceSaveAs", { path: first }, ctx);
    expect(!again.ok && again.error.code).toBe("exists");
    expect(fs.readdirSync(ctx.session.dataDir).filter((f) => f.includes(".saving-"))).toEqual([]);
    await ctx.session.close();
  });
});
