import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startImport } from "../../../src-main/import/start-import.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { bigCsv, fixture, query, tempWorkspace } from "./helpers.ts";

/**
 * The job's answer once its thread has ended too: it checkpoints and closes the workspace after it
 * answers, and a folder removed meanwhile fails with ENOTEMPTY (it did in CI).
 */
async function settled<T>(job: { done: Promise<T>; exited: Promise<void> }): Promise<T> {
  try {
    return await job.done;
  } finally {
    await job.exited;
  }
}

describe("import in the worker: one transaction, cancel, kill, re-import", () => {
  it("imports in the worker with progress, then refuses the same file unless forced", async () => {
    const ws = tempWorkspace();
    const seen: number[] = [];
    const first = await settled(
      startImport({ workspace: ws, files: [fixture("broken-rows.csv")], options: {} }, (p) =>
        seen.push(p.rows),
      ),
    );
    expect(first[0]?.added).toBe(2);
    expect(seen.at(-1)).toBe(7);
    await expect(
      settled(startImport({ workspace: ws, files: [fixture("broken-rows.csv")], options: {} })),
    ).rejects.toMatchObject({ code: "duplicate_import" });
    const again = await settled(
      startImport({ workspace: ws, files: [fixture("broken-rows.csv")], options: { force: true } }),
    );
    expect(again[0]?.added).toBe(2);
    expect(query(ws, "SELECT count(*) AS n FROM events")).toEqual([{ n: 4 }]);
    // the engine's columns were rebuilt after the commit
    expect(query<{ n: number }>(ws, "SELECT count(*) AS n FROM engine_columns")[0]?.n).toBeGreaterThan(0);
  });

  it("a cancelled import changes nothing but the import log", async () => {
    const dir = tmpDir();
    const ws = tempWorkspace();
    const file = bigCsv(dir, 300_000);
    const job = startImport({ workspace: ws, files: [file], options: {} }, () => job.cancel());
    await expect(settled(job)).rejects.toMatchObject({ code: "cancelled" });
    expect(query(ws, "SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
    expect(query(ws, "SELECT count(*) AS n FROM users")).toEqual([{ n: 0 }]);
    expect(query(ws, "SELECT status, added FROM imports")).toEqual([{ status: "cancelled", added: 0 }]);
  });

  it("a process killed mid-import leaves the workspace as it was", () => {
    const dir = tmpDir();
    const ws = tempWorkspace();
    const file = bigCsv(dir, 300_000);
    const child = spawnSync(process.execPath, [
      path.join(import.meta.dirname, "kill-child.ts"),
      ws,
      file,
      "50000",
    ]);
    expect(child.signal).toBe("SIGKILL");
    const w = Workspace.open(ws);
    try {
      expect(w.db.prepare("SELECT count(*) AS n FROM events").get()).toEqual({ n: 0 });
      expect(w.db.prepare("SELECT count(*) AS n FROM imports").get()).toEqual({ n: 0 });
      expect(w.db.pragma("quick_check", { simple: true })).toBe("ok");
    } finally {
      w.close();
    }
  });
});
