import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCommand } from "../../../src-main/cli/commands/import.ts";
import { inAppWords } from "../../../src-renderer/features/import/app-words.ts";

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
