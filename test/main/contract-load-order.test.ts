import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The contract's modules import one another (segments hold funnels, funnels hold segments). Whichever
// a program loads first, every schema must be usable: each file is loaded first in a fresh process.
const dir = path.resolve(import.meta.dirname, "../../src-preload/contract");
const files = fs
  .readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".ts"));

describe("contract load order", () => {
  it.each(files)("%s can be the first contract module a program loads", (file) => {
    const url = new URL(`file://${path.join(dir, file)}`).href;
    const script = `const m = await import(${JSON.stringify(url)});
const q = await import(${JSON.stringify(new URL(`file://${path.join(dir, "queries.ts")}`).href)});
const r = q.Query.safeParse({ kind: "segmentCount", segment: { rfm: ["champions"], query: { kind: "rfm", event: { event: "purchase" }, range: { last: 30, unit: "day" } } } });
if (!r.success) { console.error(JSON.stringify(r.error.issues)); process.exit(3); }
void m;`;
    const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(res.stderr.replace(/\(node:\d+\) \[MODULE_TYPELESS[\s\S]*?trace-warnings[^\n]*\n/g, "")).toBe("");
    expect(res.status).toBe(0);
  });
});
