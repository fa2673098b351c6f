import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every SQL statement goes through src-main/db/sql.ts (values bound, identifiers from a known list)
// and every connection through src-main/db/connection.ts (its pragmas). A raw prepare or a
// `new Database` anywhere else fails here.

const root = path.resolve(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f).split(path.sep).join("/"));
}

const files = sources("src-main").filter((f) => !f.startsWith("src-main/db/"));
const text = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

describe("SQL ownership", () => {
  it("no module outside src-main/db prepares raw SQL text", () => {
    const offenders = files.filter((f) => /\.prepare\s*\(/.test(text(f)));
    expect(offenders).toEqual([]);
  });

  it("no module outside src-main/db opens its own connection", () => {
    const offenders = files.filter((f) => /new\s+Database\s*\(/.test(text(f)));
    expect(offenders).toEqual([]);
  });
});
