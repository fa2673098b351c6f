import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import { PathGrants } from "../../../src-main/ipc/path-grants.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// Finding 11 of issue 20: the renderer could pass any path to import, export, share and workspace
// methods, and internal errors sent the main process's stack trace to the renderer.

function context(answers: { open?: string; save?: string; files?: string[]; boom?: boolean } = {}) {
  const ctx: HandlerContext = {
    session: new Session({ dataDir: tmpDir() }),
    emit: () => {},
    grants: new PathGrants(),
    dialogs: {
      openWorkspace: async () => {
        if (answers.boom) throw new Error("boom\n    at secret (/home/dev/strata/src-main/x.ts:1:1)");
        return answers.open ?? null;
      },
      newWorkspace: async () => answers.save ?? null,
      chooseImportFiles: async () => answers.files ?? [],
      saveFile: async () => answers.save ?? null,
    },
  };
  return ctx;
}

const NOT_CHOSEN = /was not chosen in a dialog/;

describe("renderer paths are tokens main issued", () => {
  it("refuses paths no dialog answered with, for every method that takes one", async () => {
    const ctx = context();
    const dir = tmpDir();
    const secret = path.join(dir, "secret.csv");
    fs.writeFileSync(secret, "user_id,event,time\nu,x,2024-01-01\n");
    const calls: [string, unknown][] = [
      ["workspaceOpen", { path: "/etc/passwd" }],
      ["workspaceCreate", { path: path.join(dir, "new.strata") }],
      ["workspaceSaveAs", { path: path.join(dir, "copy.strata") }],
      ["importPreview", { path: secret }],
      ["importStart", { paths: [secret] }],
      ["exportStart", { segment: { definition: { all: [] } }, preset: "csv", out: path.join(dir, "o.csv") }],
      ["shareCopy", { out: path.join(dir, "s.strata") }],
    ];
    for (const [method, req] of calls) {
      const r = await dispatch(method, req, ctx);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error.message, method).toMatch(NOT_CHOSEN);
    }
    expect(fs.existsSync(path.join(dir, "new.strata"))).toBe(false);
  });

  it("accepts what a dialog answered, for that use only", async () => {
    const dir = tmpDir();
    const data = path.join(dir, "events.csv");
    fs.writeFileSync(data, "user_id,event,time\nu,x,2024-01-01\n");
    const ws = path.join(dir, "w.strata");
    const ctx = context({ files: [data], save: ws });
    await dispatch("dialogChooseImportFiles", {}, ctx);
    const preview = await dispatch("importPreview", { path: data }, ctx);
    expect(preview.ok).toBe(true);
    // chosen to be read, never writable: an export over the analyst's input file is refused
    const over = await dispatch(
      "exportStart",
      { segment: { definition: { all: [] } }, preset: "csv", out: data },
      ctx,
    );
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.message).toMatch(NOT_CHOSEN);
    await dispatch("dialogNewWorkspace", {}, ctx);
    const created = await dispatch("workspaceCreate", { path: ws }, ctx);
    expect(created.ok).toBe(true);
    await ctx.session.close();
    // and a workspace made through a dialog may be opened again
    const reopened = await dispatch("workspaceOpen", { path: ws }, ctx);
    expect(reopened.ok).toBe(true);
    await ctx.session.close();
  });

  it("sends no stack trace to the renderer", async () => {
    const r = await dispatch("dialogOpenWorkspace", {}, context({ boom: true }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("internal");
      expect(r.error.details).toBeUndefined();
      expect(JSON.stringify(r.error)).not.toMatch(/src-main|\bat /);
    }
  });
});
