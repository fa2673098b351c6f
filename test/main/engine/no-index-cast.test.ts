import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `xs[i] as number` hides that xs[i] may be undefined (tsconfig has noUncheckedIndexedAccess): write
// `xs[i] ?? outOfBounds()` (src-main/engine/typed-index.ts), which says so, checks it and costs
// nothing in the optimised code. Listed here, as `file: count`, only casts that narrow a mixed element
// rather than hide a missing one: the event writer's row buffer and the inserter's user parameters
// hold numbers and strings, each at a known position.
const ALLOWED = new Map<string, number>([
  ["src-main/store/event-writer.ts", 3],
  ["src-main/import/inserter.ts", 2],
]);

const root = path.resolve(import.meta.dirname, "../../..");
// an element read (`xs[i]`, not an empty array literal `[]`), maybe in parentheses, then the cast
const CAST =
  /(?<!\[)\]\)*\s*as\s+(?:number|string|(?:Float64|Float32|Int32|Int16|Int8|Uint32|Uint16|Uint8)Array)\b/g;

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") || f.endsWith(".tsx"))
    .map((f) => path.join(dir, f).split(path.sep).join("/"));
}

describe("element reads in src-main, src-renderer and src-preload", () => {
  it("cast no indexed element to a number, a string or a typed array", () => {
    const found: string[] = [];
    for (const f of ["src-main", "src-renderer", "src-preload"].flatMap(sources)) {
      const text = fs.readFileSync(path.join(root, f), "utf8");
      const lines = [...text.matchAll(CAST)].map((m) => text.slice(0, m.index).split("\n").length);
      if (lines.length !== (ALLOWED.get(f) ?? 0)) found.push(`${f}: lines ${lines.join(", ")}`);
    }
    expect(found).toEqual([]);
  });
});
