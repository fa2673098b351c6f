import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Member } from "../../../src-main/export/identity.ts";
import { runExport } from "../../../src-main/export/run-export.ts";
import type { Workspace } from "../../../src-main/workspace/workspace.ts";
import { fakeEngine, tmpDir, workspaceWith } from "./helpers.ts";

// Attribute names that are also names of JavaScript built-ins must read the user's own attribute or
// nothing, never an inherited function; "__proto__" is an ordinary column.
const users: Member[] = [
  // parsed, not a literal: in an object literal `__proto__:` sets the prototype instead of a key
  { externalId: "a", attributes: JSON.parse('{"email":"a@example.com","__proto__":"p","toString":"t"}') },
  { externalId: "b", attributes: { email: "b@example.com" } },
];

let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

describe("exports and built-in attribute names", () => {
  it("exports own attributes only, in CSV and NDJSON", async () => {
    const dir = tmpDir();
    const ws = workspaceWith(dir, users);
    open.push(ws);
    const engine = fakeEngine(users);
    // a name the workspace does not have is refused, built-in or not: never a blank column
    await expect(
      runExport({
        ws,
        engine: () => engine,
        request: {
          segment: { definition: { all: [] } },
          preset: "csv",
          out: path.join(dir, "c.csv"),
          attributes: ["constructor"],
        },
      }),
    ).rejects.toThrow(/no user attribute "constructor"/);
    const attributes = ["toString", "__proto__"];
    const csv = path.join(dir, "x.csv");
    await runExport({
      ws,
      engine: () => engine,
      request: { segment: { definition: { all: [] } }, preset: "csv", out: csv, attributes },
    });
    const text = fs.readFileSync(csv, "utf8");
    expect(text).not.toMatch(/native code/);
    const nd = path.join(dir, "x.ndjson");
    await runExport({
      ws,
      engine: () => engine,
      request: { segment: { definition: { all: [] } }, preset: "ndjson", out: nd, attributes },
    });
    const rows = fs
      .readFileSync(nd, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      rows.map((r) => [
        // not asked for: no own key (JSON.parse leaves the built-in constructor there)
        Object.hasOwn(r, "constructor"),
        r.toString,
        Object.hasOwn(r, "__proto__") ? r.__proto__ : "missing",
      ]),
    ).toEqual([
      [false, "t", "p"],
      [false, null, null],
    ]);
  });
});
