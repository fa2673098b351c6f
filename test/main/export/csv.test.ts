import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvRecord, neutralize, quoteField } from "../../../src-main/export/csv.ts";

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
    for (const [input, expected] of fixture.dangerous) expect(neutralize(input)).toBe(expected);
  });
  it("leaves plain numbers and ordinary text alone", () => {
    for (const v of fixture.harmless) expect(neutralize(v)).toBe(v);
  });
  it("neutralizes inside records but not in verbatim cells", () => {
    expect(csvRecord(["=1+1", "+14155552671"], [false, true])).toBe("'=1+1,+14155552671\r\n");
    expect(csvRecord(["\r=1+1"])).toBe('"\'\r=1+1"\r\n');
  });
});
