import { describe, expect, it } from "vitest";
import { CsvParser } from "../../../src-main/import/parsers/csv.ts";
import { JsonArrayParser, type JsonRecord, NdjsonParser } from "../../../src-main/import/parsers/json.ts";

function csv(text: string, delimiter = ",", chunk = 3): { rows: [string[], number][]; bad: number[] } {
  const rows: [string[], number][] = [];
  const bad: number[] = [];
  const p = new CsvParser(delimiter, {
    row: (f, line) => rows.push([f.slice(), line]),
    bad: (_r, line) => bad.push(line),
  });
  // tiny chunks: every record boundary case crosses a chunk edge somewhere
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  p.end();
  return { rows, bad };
}

describe("CsvParser", () => {
  it("splits plain rows and keeps physical line numbers across blank lines and CRLF", () => {
    const { rows } = csv("a,b,c\r\n1,2,3\r\n\r\n4,,6\n");
    expect(rows).toEqual([
      [["a", "b", "c"], 1],
      [["1", "2", "3"], 2],
      [["4", "", "6"], 4],
    ]);
  });

  it("reads quoted fields with delimiters, doubled quotes and embedded newlines", () => {
    const { rows } = csv('id,text\n1,"hello, ""world"""\n2,"line one\nline two"\n3,last');
    expect(rows.map((r) => r[0])).toEqual([
      ["id", "text"],
      ["1", 'hello, "world"'],
      ["2", "line one\nline two"],
      ["3", "last"],
    ]);
    expect(rows.map((r) => r[1])).toEqual([1, 2, 3, 5]);
  });

  it("reports an unterminated quote at the end instead of swallowing the file silently", () => {
    const { rows, bad } = csv('a,b\n1,"open\n2,3\n');
    expect(rows.map((r) => r[0])).toEqual([["a", "b"]]);
    expect(bad).toEqual([2]);
  });

  it("splits whitespace-aligned columns on runs of spaces and tabs", () => {
    const { rows } = csv("u1   login \t 1700000000\n  u2 view 1700000060  \n", "whitespace");
    expect(rows.map((r) => r[0])).toEqual([
      ["u1", "login", "1700000000"],
      ["u2", "view", "1700000060"],
    ]);
  });

  it("uses any one-character delimiter", () => {
    expect(csv("a;b\n1;2\n", ";").rows.map((r) => r[0])).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

function json(kind: "nd" | "array", text: string): { recs: [JsonRecord, number][]; bad: [string, number][] } {
  const recs: [JsonRecord, number][] = [];
  const bad: [string, number][] = [];
  const sink = {
    row: (r: JsonRecord, l: number) => recs.push([r, l]),
    bad: (r: string, l: number) => bad.push([r, l]),
  };
  const p = kind === "nd" ? new NdjsonParser(sink) : new JsonArrayParser(sink);
  for (let i = 0; i < text.length; i += 4) p.push(text.slice(i, i + 4));
  p.end();
  return { recs, bad };
}

describe("JSON parsers", () => {
  it("NDJSON: one object a line, bad lines reported by number", () => {
    const { recs, bad } = json("nd", '{"a":1}\n{oops}\n\n{"b":"x\\ny"}\n[1]\n');
    expect(recs).toEqual([
      [{ a: 1 }, 1],
      [{ b: "x\ny" }, 4],
    ]);
    expect(bad).toEqual([
      ["bad_json", 2],
      ["bad_json", 5],
    ]);
  });

  it("arrays: elements streamed with braces inside strings, one bad element skipped", () => {
    const text = '[\n {"a":"}]","n":{"x":[1,2]}},\n {"b":tru},\n {"c":3}\n]';
    const { recs, bad } = json("array", text);
    expect(recs).toEqual([
      [{ a: "}]", n: { x: [1, 2] } }, 2],
      [{ c: 3 }, 4],
    ]);
    expect(bad).toEqual([["bad_json", 3]]);
  });

  it("arrays: a cut-off file is reported", () => {
    const { recs, bad } = json("array", '[{"a":1},{"b":');
    expect(recs).toEqual([[{ a: 1 }, 1]]);
    expect(bad).toEqual([["unterminated_json", 1]]);
  });
});
