import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DROPPED_CHANNEL, IPC_PREFIX, methodNames } from "../../src-preload/contract/method-names.ts";
import { ROOT } from "./paths.ts";

// The Electron bundles themselves, loaded under Node with a recording stand-in for the electron
// module: the built main process registers one IPC handler per contract method and nothing else,
// and the built preload exposes exactly the contract as window.strata.

function load(bundle: string): {
  handled: string[];
  listened: string[];
  exposed: { key: string; names: string[]; types: string[] } | null;
} {
  const r = spawnSync(
    process.execPath,
    ["-r", path.join(import.meta.dirname, "electron-stub/preload-hook.cjs"), bundle],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 20_000,
    },
  );
  expect(r.stderr).toBe("");
  const last = r.stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last);
}

test("the built main process handles exactly the contract's methods", () => {
  const calls = load(path.join(ROOT, "out/main/index.js"));
  expect(calls.handled.sort()).toEqual(methodNames.map((n) => `${IPC_PREFIX}${n}`).sort());
  // the one message main listens to besides the contract: a dropped file's path, from the preload
  expect(calls.listened).toEqual([DROPPED_CHANNEL]);
});

test("the built preload exposes exactly the contract as window.strata", () => {
  const calls = load(path.join(ROOT, "out/preload/index.js"));
  expect(calls.exposed?.key).toBe("strata");
  expect(calls.exposed?.names).toEqual([...methodNames, "onEvent", "pathForFile"].sort());
  expect(calls.exposed?.types).toEqual(["function"]);
});
