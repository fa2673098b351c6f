import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importHandlers } from "../../../src-main/ipc/import-handlers.ts";
import type { Dialogs, HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import type { StrataEvent } from "../../../src-preload/contract/events.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { fixture } from "./helpers.ts";

function context(): { ctx: HandlerContext; events: StrataEvent[]; ended: Promise<StrataEvent> } {
  const events: StrataEvent[] = [];
  let end: (e: StrataEvent) => void = () => {};
  const ended = new Promise<StrataEvent>((r) => {
    end = r;
  });
  const dialogs: Dialogs = {
    openWorkspace: async () => null,
    newWorkspace: async () => null,
    chooseImportFiles: async () => [fixture("wide.csv")],
    saveFile: async () => null,
  };
  const ctx: HandlerContext = {
    session: new Session({ dataDir: tmpDir() }),
    dialogs,
    emit(e) {
      events.push(e);
      if (e.type === "importDone" || e.type === "importFailed") end(e);
    },
  };
  return { ctx, events, ended };
}

describe("import handlers", () => {
  it("previews a file: layout, roles, types and sample rows", async () => {
    const { ctx } = context();
    const p = await importHandlers.importPreview({ path: fixture("wide.csv") }, ctx);
    expect(p).toMatchObject({ format: "csv", delimiter: ";", header: true, encoding: "utf-8", gzip: false });
    expect(p.mapping).toEqual({
      user: "Customer Id",
      event: "Action",
      eventName: null,
      time: "Event Date",
      preset: "generic",
    });
    expect(p.columns.find((c) => c.name === "Is New")).toEqual({
      name: "Is New",
      type: "boolean",
      role: "property",
    });
    expect(p.rows[0]).toEqual(["c1", "open", "7/1/2024 9:05", "10,5", "true"]);
  });

  it("previews a file whose roles cannot be found, with the reason among the problems", async () => {
    const { ctx } = context();
    const p = await importHandlers.importPreview({ path: fixture("headerless-whitespace.txt") }, ctx);
    expect(p).toMatchObject({ delimiter: " ", header: false });
    expect(p.mapping).toEqual({ user: null, event: null, eventName: null, time: null, preset: null });
    expect(p.problems[0]).toMatch(/no user id column found/);
    expect(p.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ["column_1", "string", "property"],
      ["column_2", "string", "property"],
      ["column_3", "number", "property"],
    ]);
    const fixed = await importHandlers.importPreview(
      { path: fixture("headerless-whitespace.txt"), options: { columns: ["user_id", "event", "time"] } },
      ctx,
    );
    expect(fixed.mapping).toMatchObject({ user: "user_id", event: "event", time: "time" });
    expect(fixed.problems).toEqual([]);
  });

  it("runs an import in the worker and pushes progress, done and workspaceChanged", async () => {
    const { ctx, events, ended } = context();
    const dir = tmpDir();
    await ctx.session.create(path.join(dir, "w.strata"));
    const files = await importHandlers.dialogChooseImportFiles({}, ctx);
    const { jobId } = await importHandlers.importStart({ paths: files }, ctx);
    const end = await ended;
    expect(end).toMatchObject({ type: "importDone", jobId, summaries: [{ added: 2, rowsRead: 2 }] });
    expect(events.some((e) => e.type === "importProgress" && e.jobId === jobId)).toBe(true);
    expect(events.at(-1)).toEqual({ type: "workspaceChanged" });
    const log = await importHandlers.importLog({}, ctx);
    expect(log.map((l) => [l.fileName, l.status, l.added])).toEqual([["wide.csv", "done", 2]]);
    await ctx.session.close();
    // the import thread checkpoints and closes its connection after its answer: closing the
    // workspace waits for that, so nothing is left writing beside the closed file
    expect(fs.readdirSync(dir).filter((f) => /-(wal|shm)$/.test(f))).toEqual([]);
  });

  it("reports a failed job as importFailed with its error code", async () => {
    const { ctx, ended } = context();
    await ctx.session.create(path.join(tmpDir(), "w.strata"));
    await importHandlers.importStart({ paths: [fixture("broken-rows.csv")], options: { strict: true } }, ctx);
    expect(await ended).toMatchObject({ type: "importFailed", error: { code: "bad_input" } });
    expect(() => importHandlers.importCancel({ jobId: "nope" }, ctx)).toThrow(/no import job/);
    await ctx.session.close();
  });
});
