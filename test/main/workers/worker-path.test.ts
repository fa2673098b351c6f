import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { workerUrl } from "../../../src-main/workers/worker-path.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const source = new URL("../../../src-main/import/worker.ts", import.meta.url);

describe("workerUrl from the sources", () => {
  const before = process.env.STRATA_WORKERS;
  afterEach(() => {
    if (before === undefined) delete process.env.STRATA_WORKERS;
    else process.env.STRATA_WORKERS = before;
  });

  it("starts the source worker", () => {
    delete process.env.STRATA_WORKERS;
    expect(workerUrl("import-worker", source)).toBe(source);
  });

  it("starts the built worker under STRATA_WORKERS=built, and refuses when there is none", () => {
    process.env.STRATA_WORKERS = "built";
    const built = path.join(root, "out/main/import-worker.js");
    // a bench must never time the sources' worker thinking it is the app's
    if (fs.existsSync(built)) expect(fileURLToPath(workerUrl("import-worker", source))).toBe(built);
    else expect(() => workerUrl("import-worker", source)).toThrow(/STRATA_WORKERS=built/);
  });
});
