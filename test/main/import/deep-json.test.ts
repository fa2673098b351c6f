import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, tempWorkspace } from "./helpers.ts";

// A record nested thousands of levels deep (found by the long import fuzz profile: a JSON document
// of 10,000 nested arrays crashed the import with "Maximum call stack size exceeded" while it was
// flattened). Such a record is skipped by its line as too_deep; the others import; nothing crashes.

const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

function write(name: string, lines: string[]): string {
  const file = path.join(tmpDir("strata-deep-"), name);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("deeply nested JSON records", () => {
  it("a 10,000-deep array in one record skips that line as too_deep and imports the rest", async () => {
    const file = write("deep.ndjson", [
      '{"user_id":"a","event":"view","time":"2024-06-01T10:00:00Z"}',
      `{"user_id":"b","event":"view","time":"2024-06-01T11:00:00Z","p":${deep(10_000)}}`,
      '{"user_id":"c","event":"buy","time":"2024-06-01T12:00:00Z"}',
    ]);
    const ws = tempWorkspace();
    const [summary] = await ingest({ workspace: ws, files: [file], options: {} });
    expect(summary?.skippedByReason).toEqual({ too_deep: { count: 1, firstLines: [2] } });
    expect(events(ws).map((e) => e.user)).toEqual(["a", "c"]);
  });

  it("a file that is only one such record is refused with a clear error, not a crash", async () => {
    const file = write("only-deep.json", [
      `{"user_id":"d","event":"e","time":"2024-01-01","p":${deep(10_000)}}`,
    ]);
    const ws = tempWorkspace();
    const err = await ingest({ workspace: ws, files: [file], options: {} }).then(
      () => new Error("imported"),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err instanceof Error ? err.message : "").toMatch(
      /only-deep\.json: .*\(field "p"\), too deep to read/,
    );
    expect(events(ws)).toEqual([]);
  });

  it("objects nested past 32 levels are kept whole as JSON text, not as a 1,000-segment property name", async () => {
    const file = write("nested.ndjson", [
      `{"user_id":"a","event":"view","time":"2024-06-01T10:00:00Z","p":${deepObject(1_000)}}`,
    ]);
    const ws = tempWorkspace();
    const [summary] = await ingest({ workspace: ws, files: [file], options: {} });
    expect(summary?.added).toBe(1);
    const [e] = events(ws);
    const names = Object.keys(e?.props ?? {});
    expect(names).toHaveLength(1);
    expect(names[0]?.split(".").length).toBe(33);
  });
});
