import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { forTerminal } from "../../../src-main/cli/terminal-text.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// A file can carry terminal escape sequences into what the CLI prints: an error that quotes a row,
// or (on a terminal) a file or event name. They are shown, not obeyed.

describe("text for a terminal", () => {
  it("shows control characters as escapes, keeping newlines, tabs and every other character", () => {
    expect(forTerminal("a\u001b]0;pwned\u0007\u001b[2J\r\nb\tc é 日本 😀\u009b\u007f")).toBe(
      "a\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\nb\tc é 日本 😀\\u009b\\u007f",
    );
  });

  it("an error quoting a hostile row is printed with the escapes shown", async () => {
    const dir = tmpDir("strata-term-");
    const file = path.join(dir, "\u001b[2Jevil.csv");
    fs.writeFileSync(file, "a,b\n1,2\n");
    const a = io();
    const code = await main(["import", file, "--workspace", path.join(dir, "w.strata")], a.io);
    expect(code).toBe(2);
    const err = a.err.join("");
    expect(err).toContain("\\u001b[2Jevil.csv");
    expect(err).not.toContain("\u001b");
  });
});
