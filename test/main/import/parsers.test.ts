import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteCsvParser, rowStrings } from "../../../src-main/import/parsers/csv-bytes.ts";
import { JsonArrayParser, type JsonRecord, NdjsonParser } from "../../../src-main/import/parsers/json.ts";
import { CsvParser } from "./oracle/csv-strings.ts";

interface Parsed {
  rows: [string[], number][];
  bad: number[];
}

/** The byte parser over `text` cut into byte chunks at `cuts` (which may split a character). */
function csv(text: string, delimiter = ",", cuts: number[] | number = 3): Parsed {
  const rows: [string[], number][] = [];
  const bad: number[] = [];
  const p = new ByteCsvParser(delimiter, {
    row: (r, line) => rows.push([rowStrings(r), line]),
    bad: (_r, line) => bad.push(line),
  });
  const bytes = Buffer.from(text, "utf8");
  // tiny chunks by default: every record boundary case crosses a chunk edge somewhere
  const at =
    typeof cuts === "number"
      ? Array.from({ length: Math.ceil(bytes.length / cuts) }, (_, i) => i * cuts)
      : [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)];
  for (let i = 0; i < at.length; i++) p.push(bytes.subarray(at[i], at[i + 1] ?? bytes.length));
  p.end();
  return { rows, bad };
}

/** The former string parser over the same text, cut into string chunks. */
function oracle(text: string, delimiter: string, cuts: number[]): Parsed {
  const rows: [string[], number][] = [];
  const bad: number[] = [];
  const p = new CsvParser(delimiter, {
    row: (f, line) => rows.push([f.slice(), line]),
    bad: (_r, line) => bad.push(line),
  });
  const at = [0, ...cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b)];
  for (let i = 0; i < at.length; i++) p.push(text.slice(at[i], at[i + 1] ?? text.length));
  p.end();
  return { rows, bad };
}

describe("ByteCsvParser", () => {
  it("reads any text as the string parser did, however the bytes are cut into chunks", () => {
    // the characters that matter to CSV, plus multi-byte ones that a chunk edge may cut in two
    const char = fc.constantFrom(",", ";", '"', "\n", "\r", " ", "\t", "a", "b", "1", "é", "日", "😀", "\v");
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 60 }).map((cs) => cs.join("")),
        fc.constantFrom(",", ";", "\t", "whitespace"),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, delimiter, byteCuts, charCuts) => {
          expect(csv(text, delimiter, byteCuts)).toEqual(oracle(text, delimiter, charCuts));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads records of quoted, unquoted and quote-holding fields into their values", () => {
    // unlike the test above, well-formed records only, so the values written are the answer
    const plain = fc
      .array(fc.constantFrom("a", "1", " ", '"', "'", ",", ";", "\t", "é", "日", "😀"), { maxLength: 8 })
      .map((cs) => cs.join(""));
    const quoted = fc
      .array(fc.constantFrom("a", '"', ",", ";", "\t", "\n", "\r", " "), { maxLength: 8 })
      .map((cs) => cs.join(""));
    const field = fc.oneof(
      plain.map((value) => ({ value, quote: false })),
      quoted.map((value) => ({ value, quote: true })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.nat(), { maxLength: 6 }),
        (records, delimiter, nl, cuts) => {
          let text = "";
          let line = 1;
          const want: [string[], number][] = [];
          for (const rec of records) {
            const values: string[] = [];
            const raw: string[] = [];
            for (const f of rec) {
              if (f.quote) {
                values.push(f.value);
                raw.push(`"${f.value.replaceAll('"', '""')}"`);
              } else {
                // an unquoted field holds no delimiter and does not start with a quote
                const value = f.value.replaceAll(delimiter, "").replace(/^"+/, "");
                values.push(value);
                raw.push(value);
              }
            }
            want.push([values, line]);
            const written = raw.join(delimiter);
            text += written + nl;
            line += written.split("\n").length;
          }
          expect(csv(text, delimiter, cuts)).toEqual({ rows: want, bad: [] });
          expect(oracle(text, delimiter, cuts)).toEqual({ rows: want, bad: [] });
        },
      ),
      { numRuns: 1000 },
    );
  });

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

  // A quote inside an unquoted field used to open a quoted stretch that ran to the next quote,
  // swallowing the rows between into one field (Online Retail's RECORD FRAME 7" SINGLE SIZE).
  const inches = [
    "user_id,event,time,note",
    'u1,view,2024-01-01T00:00:01Z,12" pizza',
    "u2,view,2024-01-01T00:00:02Z,ok",
    'u3,view,2024-01-01T00:00:03Z,7" tablet',
    "u4,view,2024-01-01T00:00:04Z,ok",
  ];
  const inchRows = inches.map((l, k): [string[], number] => [l.split(","), k + 1]);

  it("keeps a quote inside a field as text, in CSV and TSV, LF and CRLF", () => {
    for (const [delimiter, nl] of [
      [",", "\n"],
      ["\t", "\n"],
      [",", "\r\n"],
      ["\t", "\r\n"],
    ] as const) {
      const text = `${inches.map((l) => l.replaceAll(",", delimiter)).join(nl)}${nl}`;
      expect(csv(text, delimiter)).toEqual({ rows: inchRows, bad: [] });
    }
    expect(inchRows[1]?.[0][3]).toBe('12" pizza');
  });

  it("keeps a quote inside a field as text wherever a chunk edge falls", () => {
    const text = `${inches.join("\n")}\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(csv(text, ",", [cut])).toEqual({ rows: inchRows, bad: [] });
      expect(csv(text, ",", [cut, cut + 1])).toEqual({ rows: inchRows, bad: [] });
    }
  });

  it("opens a quoted stretch only at the start of a field", () => {
    const { rows, bad } = csv('u1,12" pizza,"a,""b""\nc",x"y"\n"q"tail,"",a "b,c"\nlast"\n');
    expect(rows).toEqual([
      [["u1", '12" pizza', 'a,"b"\nc', 'x"y"'], 1],
      // after a closing quote the text up to the delimiter is kept, quotes and all
      [["qtail", "", 'a "b', 'c"'], 3],
      [['last"'], 4],
    ]);
    expect(bad).toEqual([]);
    expect(csv('"ab"c"d",e\n').rows).toEqual([[['abc"d"', "e"], 1]]);
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
  it("keep integers a double cannot hold as their digits, and every other number as it is", () => {
    const text =
      '{"id":2053013552326770905,"neg":-99999999999999999999,"safe":9007199254740991,"big":1e21,"f":12345678901234567.5,"s":"2053013552326770905"}\n';
    for (const kind of ["nd", "array"] as const) {
      const { recs } = json(kind, kind === "nd" ? text : `[${text}]`);
      expect(recs[0]?.[0]).toEqual({
        id: "2053013552326770905",
        neg: "-99999999999999999999",
        safe: 9007199254740991,
        big: 1e21,
        f: Number("12345678901234567.5"),
        s: "2053013552326770905",
      });
    }
  });

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

  // Everything after the first closing bracket used to be ignored silently (and kept in memory).
  it("arrays: arrays one after another are all read", () => {
    const { recs, bad } = json("array", '[{"u":1},{"u":2}]\n[{"u":3},{"u":4}][{"u":5}]\n');
    expect(recs).toEqual([
      [{ u: 1 }, 1],
      [{ u: 2 }, 1],
      [{ u: 3 }, 2],
      [{ u: 4 }, 2],
      [{ u: 5 }, 2],
    ]);
    expect(bad).toEqual([]);
  });

  it("arrays: anything else after an array is skipped as bad_json by its line, the arrays after it read", () => {
    const text = '[{"u":1}]\n{"u":2}\n , null {}\n{\n "x": [1, "] ["],\n "y": {}\n}[{"u":3}]\n]';
    const { recs, bad } = json("array", text);
    expect(recs).toEqual([
      [{ u: 1 }, 1],
      [{ u: 3 }, 7],
    ]);
    expect(bad).toEqual([
      ["bad_json", 2],
      ["bad_json", 3],
      ["bad_json", 4],
      ["bad_json", 8],
    ]);
  });

  it("arrays: a record cut off after skipped text is reported at its own byte", () => {
    const bad: [string, number, number | undefined][] = [];
    const p = new JsonArrayParser({ row() {}, bad: (r, l, b) => bad.push([r, l, b]) });
    const text = '[{"u":1}]\nnot json, é\n[{"u":2},{"u":';
    for (let i = 0; i < text.length; i += 3) p.push(text.slice(i, i + 3));
    p.end();
    const cut = Buffer.byteLength(text.slice(0, text.lastIndexOf("{")));
    expect(bad).toEqual([
      ["bad_json", 2, undefined],
      ["unterminated_json", 3, cut],
    ]);
  });

  it("arrays: a cut-off file is reported", () => {
    const { recs, bad } = json("array", '[{"a":1},{"b":');
    expect(recs).toEqual([[{ a: 1 }, 1]]);
    expect(bad).toEqual([["unterminated_json", 1]]);
  });
});
