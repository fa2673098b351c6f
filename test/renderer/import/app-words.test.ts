import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCommand } from "../../../src-main/cli/commands/import.ts";
import { main } from "../../../src-main/cli/main.ts";
import { inAppWords } from "../../../src-renderer/features/import/app-words.ts";
import { io } from "../../helpers/cli-io.ts";

// Import messages shown in the app speak of the mapping's fields, never of command-line flags.

const FLAG = /--[a-z]/;

/** Every message template in the importer's sources that names a flag. */
function importerMessages(): string[] {
  const dir = path.resolve(import.meta.dirname, "../../../src-main/import");
  const out: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith(".ts")) continue;
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    for (const m of text.matchAll(/`([^`]*--[a-z][^`]*)`/g)) {
      const line = m[1] ?? "";
      if (!line.trimStart().startsWith("//")) out.push(line.replace(/\$\{[^}]*\}/g, "x"));
    }
  }
  return out;
}

describe("import errors in the app's words", () => {
  it("the importer's own messages lose their flags", () => {
    const msgs = importerMessages();
    expect(msgs.length).toBeGreaterThan(3);
    for (const m of msgs) expect(inAppWords(m), m).not.toMatch(FLAG);
  });

  it("any import flag is named as the mapping field", () => {
    for (const flag of Object.keys(importCommand.options)) {
      expect(inAppWords(`check --${flag} please`), flag).not.toMatch(FLAG);
    }
    expect(inAppWords("a.csv: no user id column found (columns: a, b); name it with --user COL")).toBe(
      "a.csv: no user id column found (columns: a, b); choose it as the User id column",
    );
  });
});

describe("one option's problem, in the app and on the command line", () => {
  it("the CLI names the flag, never the option's internal path", async () => {
    const cases: [string[], RegExp][] = [
      [["--kind", "foo"], /^--kind: must be one of "events"\|"users" \(got "foo"\)/],
      [["--time-format", "QQQ"], /^--time-format: "QQQ" has no year/],
      [["--timezone", "Nowhere/X"], /^--timezone: "Nowhere\/X" is not a known IANA time zone/],
      [["--preset", "nope"], /^--preset: unknown preset "nope"; the presets are posthog, /],
      [["--columns", ",x"], /^--columns \(name 1\): /],
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-words-"));
    const csv = path.join(dir, "a.csv");
    fs.writeFileSync(csv, "user,event,time\nu1,a,2024-06-01\n");
    try {
      for (const [args, want] of cases) {
        const ws = path.join(dir, "w.strata");
        const out = io();
        const code = await main(["import", csv, "--workspace", ws, ...args], out.io);
        expect(code, args.join(" ")).toBe(2);
        const msg = out.err
          .join("")
          .trim()
          .replace(/^strata import: /, "");
        expect(msg, args.join(" ")).toMatch(want);
        expect(msg).not.toMatch(/import options|timeFormat|options\./);
        // refused before anything is written: no workspace made with a bad zone
        expect(fs.existsSync(ws), args.join(" ")).toBe(false);
        // the same message in the app names the mapping's field
        expect(inAppWords(msg), args.join(" ")).not.toMatch(FLAG);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the app names the field of a request's option and of a flag-led message", () => {
    expect(inAppWords('--timezone: "Nowhere/X" is not a known IANA time zone (e.g. UTC)')).toBe(
      '“Times without a zone are in”: "Nowhere/X" is not a known IANA time zone (e.g. UTC)',
    );
    expect(inAppWords("options.timeFormat: expected string (got 3); options.columns[1]: too small")).toBe(
      "Time format: expected string (got 3); Column names: too small",
    );
    expect(inAppWords("--header/--no-header: expected boolean")).toBe("Header row: expected boolean");
    expect(
      inAppWords(
        'a.csv: ... may read either way; give the order with --time-format "M/D/YYYY" or --time-format "D/M/YYYY"',
      ),
    ).toBe('a.csv: ... may read either way; type "M/D/YYYY" or "D/M/YYYY" as the Time format');
  });
});
