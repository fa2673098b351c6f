import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDemoInWorker } from "../../../src-main/demo/build-in-worker.ts";
import { workspaceInfo } from "../../../src-main/workspace/info.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { tmpDir } from "../../helpers/tmp.ts";

describe("the demo built in a worker thread", () => {
  it("reports progress and writes the same workspace the CLI would", async () => {
    const file = path.join(tmpDir(), "demo.strata");
    const seen: number[] = [];
    const stats = await buildDemoInWorker(file, { users: 200, onProgress: (done) => seen.push(done) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(200);
    const ws = Workspace.open(file, { readonly: true });
    const info = workspaceInfo(ws);
    ws.close();
    expect(info.users).toBe(200);
    expect(info.events).toBe(stats.events);
  });

  it("rejects with the builder's own error", async () => {
    const file = path.join(tmpDir(), "demo.strata");
    await expect(buildDemoInWorker(file, { users: 0 })).rejects.toThrow(/users/);
  });
});
