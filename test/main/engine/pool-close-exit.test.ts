import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { writeJourneys } from "../../helpers/journeys.ts";

// A pool closed while its workers' answers to their open are still to be handled, in a program with
// nothing else pending: the close must settle before the process ends. An idle worker is
// unreferenced (it never holds a process open), and an answer handled after terminate() had begun
// used to let go of it again, so Node exited with the close unsettled ("unsettled top-level await",
// exit 13). Vitest's own process never empties its event loop, so each run is a fresh Node process.

const root = path.resolve(import.meta.dirname, "../../..");
let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function smallWorkspace(file: string): void {
  const ws = Workspace.create(file, {});
  const spec: Record<string, [string, string][]> = {};
  for (let i = 0; i < 40; i++) spec[`u${i}`] = [["visit", `2024-06-0${1 + (i % 7)}T10:00Z`]];
  writeJourneys(ws, spec);
  // times in several chunks: the workers read them in parts (times-share.ts), as at any real size
  writeColumns(ws.db, buildArrays(ws.db), { chunkBytes: 64 });
  ws.close();
}

describe("closing the app's engine before any query", () => {
  it("settles in a program that has nothing else to wait for", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-close-"));
    const file = path.join(dir, "w.strata");
    smallWorkspace(file);
    const url = (p: string) => JSON.stringify(new URL(`file://${path.join(root, p)}`).href);
    const script = `const { engineWhilePagesChecked } = await import(${url("src-main/engine/index.ts")});
const { Workspace } = await import(${url("src-main/workspace/workspace.ts")});
const ws = Workspace.open(${JSON.stringify(file)}, { readonly: true, deferPageCheck: true });
const engine = engineWhilePagesChecked(ws);
// the main thread busy, as with a long page check: the workers start and answer their open meanwhile,
// so their answers are handled only once close() has begun
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
await engine.close();
ws.close();
console.log("closed");`;
    // a file, not `node -e`: an evaluated script's process waits for the close either way
    const program = path.join(dir, "close.mjs");
    fs.writeFileSync(program, script);
    const outcomes = Array.from({ length: 4 }, () => {
      const r = spawnSync(process.execPath, [program], {
        cwd: root,
        encoding: "utf8",
      });
      return `${r.status} ${r.stdout.trim()}`;
    });
    expect(outcomes).toEqual(Array.from({ length: 4 }, () => "0 closed"));
  });
});
