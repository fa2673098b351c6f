import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectHeader, headerNames } from "../../../src-main/import/detect.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import type { ImportOptions } from "../../../src-preload/contract/methods/import.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { bigCsv, events, importFixture, importText, query, tempWorkspace } from "./helpers.ts";

describe("import: awkward files are read or reported, never crashed on", () => {
  it("skips broken rows and reports each reason with its first line numbers", async () => {
    const { ws, summary } = await importFixture("broken-rows.csv");
    expect(summary.rowsRead).toBe(7);
    expect(summary.added).toBe(2);
    expect(summary.skippedByReason).toEqual({
      missing_user_id: { count: 1, firstLines: [3] },
      unparseable_time: { count: 1, firstLines: [4] },
      wrong_column_count: { count: 1, firstLines: [5] },
      missing_event_name: { count: 1, firstLines: [6] },
      unterminated_quote: { count: 1, firstLines: [8] },
    });
    expect(events(ws).map((e) => e.user)).toEqual(["u1", "u5"]);
    const log = query<{ status: string; skipped: number }>(ws, "SELECT status, skipped FROM imports");
    expect(log).toEqual([{ status: "done", skipped: 5 }]);
  });

  it("--strict fails on the first bad row, names its line and field, and changes nothing", async () => {
    const run = importFixture("broken-rows.csv", { strict: true });
    await expect(run).rejects.toMatchObject({ code: "bad_input" });
    await expect(run).rejects.toThrow(/line 3 has no user id \(column "user_id" is empty\)/);
  });

  it.each([["utf8-bom.csv"], ["utf16le-bom.csv"], ["utf16be-bom.csv"], ["utf16le-nobom.csv"]])(
    "decodes %s",
    async (name) => {
      const { ws } = await importFixture(name);
      const ev = events(ws);
      expect(ev.map((e) => e.props.city)).toEqual(["Café Zoë", "München"]);
      // the BOM must not leak into the first column's name
      expect(ev.map((e) => e.user)).toEqual(["u1", "u2"]);
    },
  );

  it("reads Windows-1252 when the bytes are not UTF-8", async () => {
    const { ws } = await importFixture("windows-1252.csv");
    expect(events(ws).map((e) => e.props.city)).toEqual(["Café Zoë", "€5 off"]);
  });

  it("drops NUL bytes", async () => {
    const { ws, summary } = await importFixture("nul-bytes.csv");
    expect(summary.added).toBe(2);
    expect(events(ws).map((e) => e.user)).toEqual(["u1", "u2"]);
  });

  it("keeps the whole rows of a truncated gzip and reports the cut", async () => {
    const { ws, summary } = await importFixture("truncated.csv.gz");
    expect(summary.added).toBeGreaterThan(100);
    expect(summary.added).toBeLessThan(3000);
    expect(summary.skippedByReason.truncated_file?.count).toBe(1);
    expect(events(ws).every((e) => typeof e.props.n === "number")).toBe(true);
  });

  it("reads quoted fields with embedded newlines and keeps line numbers right", async () => {
    const { ws } = await importFixture("embedded-newlines.csv");
    expect(events(ws).map((e) => e.props.note)).toEqual([
      "line one\nline two, with comma",
      'say "hi"',
      "plain",
    ]);
  });

  it("keeps a quote inside an unquoted field as text instead of swallowing the rows after it", async () => {
    // 12" opened a quoted stretch that ran to the 7" two rows on: u2 and u3 vanished, uncounted
    const lines = [
      "user_id,event,time,note",
      'u1,view,2024-01-01T00:00:01Z,12" pizza',
      "u2,view,2024-01-01T00:00:02Z,ok",
      'u3,view,2024-01-01T00:00:03Z,7" tablet',
      "u4,view,2024-01-01T00:00:04Z,ok",
    ];
    const dir = tmpDir();
    const files: [string, string][] = [
      ["inches.csv", ","],
      ["inches.tsv", "\t"],
    ];
    const runs: [boolean, boolean][] = [
      [true, false],
      [false, false],
      [true, true],
    ];
    for (const [name, delimiter] of files) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `${lines.map((l) => l.replaceAll(",", delimiter)).join("\n")}\n`);
      for (const [pipeline, strict] of runs) {
        const ws = tempWorkspace();
        const [summary] = await ingest({
          workspace: ws,
          files: [file],
          options: { strict },
          columns: false,
          pipeline,
        });
        expect(summary).toMatchObject({ rowsRead: 4, added: 4, skipped: 0 });
        expect(events(ws).map((e) => [e.user, e.props.note])).toEqual([
          ["u1", '12" pizza'],
          ["u2", "ok"],
          ["u3", '7" tablet'],
          ["u4", "ok"],
        ]);
      }
    }
  });

  it("reads every array of a JSON file, and counts what follows an array and is not one", async () => {
    // everything after the first closing bracket was ignored: 2 of 4 events, nothing skipped
    const ev = (u: string, s: number) => `{"user_id":"${u}","event":"view","time":"2024-01-01T00:00:0${s}Z"}`;
    const dir = tmpDir();
    const arrays = path.join(dir, "arrays.json");
    fs.writeFileSync(arrays, `[${ev("u1", 1)},${ev("u2", 2)}]\n[${ev("u3", 3)},${ev("u4", 4)}]\n`);
    const trailing = path.join(dir, "trailing.json");
    fs.writeFileSync(trailing, `[${ev("u1", 1)},${ev("u2", 2)}]\n${ev("u3", 3)}\n`);
    for (const pipeline of [true, false]) {
      const ws = tempWorkspace();
      const [all, some] = await ingest({
        workspace: ws,
        files: [arrays, trailing],
        options: {},
        columns: false,
        pipeline,
      });
      expect(all).toMatchObject({ rowsRead: 4, added: 4, skipped: 0 });
      expect(some).toMatchObject({
        rowsRead: 3,
        added: 2,
        skippedByReason: { bad_json: { count: 1, firstLines: [2] } },
      });
      expect(events(ws).map((e) => e.user)).toEqual(["u1", "u2", "u3", "u4", "u1", "u2"]);
    }
    const ws = tempWorkspace();
    await expect(ingest({ workspace: ws, files: [trailing], options: { strict: true } })).rejects.toThrow(
      /trailing\.json line 2 is not a valid JSON object/,
    );
  });

  it("imports a headerless whitespace-delimited file with --no-header --columns", async () => {
    const { ws, summary } = await importFixture("headerless-whitespace.txt", {
      header: false,
      columns: ["user_id", "event", "time"],
    });
    expect(summary.added).toBe(3);
    expect(events(ws).map((e) => [e.user, e.event, e.time])).toEqual([
      ["u1", "login", 1704067200000],
      ["u2", "purchase", 1704070800000],
      ["u1", "logout", 1704074400000],
    ]);
  });

  it("keeps integers beyond 2^53 as strings and reads epoch ms", async () => {
    const { ws } = await importFixture("epoch-ms-bigint.csv");
    const ev = events(ws);
    expect(ev.map((e) => e.props.category_id)).toEqual(["2053013552326770905", "2103807459595387724"]);
    expect(ev[0]?.time).toBe(1569888000000);
    expect(ev[0]?.props.price).toBe(35.79);
  });

  it("one thread and two threads write the same events, users and catalog", async () => {
    const catalog = (ws: string) => [
      query(ws, "SELECT id, external_id FROM users ORDER BY id"),
      query(ws, "SELECT * FROM event_names ORDER BY id"),
      query(ws, "SELECT * FROM event_properties ORDER BY event_id, name"),
      query(ws, "SELECT rows_read, added, skipped, skipped_by_reason FROM imports"),
    ];
    for (const name of ["broken-rows.csv", "transactions.csv", "array.json"]) {
      const one = await importFixture(name, {}, "UTC", false);
      const two = await importFixture(name, {}, "UTC", true);
      expect(events(two.ws)).toEqual(events(one.ws));
      expect(catalog(two.ws)).toEqual(catalog(one.ws));
      expect(two.summary).toEqual({ ...one.summary, seconds: two.summary.seconds });
    }
  });

  it("takes the mapping editor's overrides: a column typed time, one skipped, one forced to string", async () => {
    const { ws } = await importFixture("epoch-ms-bigint.csv", {
      types: { user_id: "skip", price: "string", time: "time" },
      user: "category_id",
    });
    const ev = events(ws);
    // user_id skipped; price kept as text
    expect(ev.map((e) => [e.user, e.time, e.props])).toEqual([
      ["2053013552326770905", 1569888000000, { price: "35.79" }],
      ["2103807459595387724", 1569888001000, { price: "1" }],
    ]);
    // a column of small numbers typed time would be 1970: refused, never stored
    await expect(
      importFixture("epoch-ms-bigint.csv", {
        types: { time: "skip", user_id: "time" },
        user: "category_id",
      }),
    ).rejects.toThrow(/outside 1990-2100/);
  });

  it("two threads count new users across many batches and files of one job", async () => {
    const dir = tmpDir();
    const a = bigCsv(dir, 40_000);
    const b = path.join(dir, "more.csv");
    fs.writeFileSync(b, "user_id,event,time\nu1,e1,1700000000000\nnew-user,e1,1700000000000\n");
    for (const pipeline of [true, false]) {
      const ws = tempWorkspace();
      const [sa, sb] = await ingest({ workspace: ws, files: [a, b], options: {}, columns: false, pipeline });
      expect([sa?.usersAdded, sb?.usersAdded]).toEqual([997, 1]);
      expect([sa?.added, sb?.added]).toEqual([40_000, 2]);
      expect(query(ws, "SELECT count(*) AS n FROM users")).toEqual([{ n: 998 }]);
      expect(query(ws, "SELECT count(*) AS n, count(DISTINCT import_id) AS i FROM events")).toEqual([
        { n: 40_002, i: 2 },
      ]);
    }
  });

  it("reports a missing file and an unreadable time column clearly", async () => {
    await expect(importFixture("nope.csv")).rejects.toMatchObject({ code: "not_found" });
    await expect(importFixture("empty.csv")).rejects.toThrow(/empty\.csv is empty/);
    const { summary } = await importFixture("header-only.csv");
    expect(summary).toMatchObject({ rowsRead: 0, added: 0, skipped: 0 });
    await expect(importFixture("broken-rows.csv", { time: "plan" })).rejects.toThrow(
      /cannot read the times in column "plan"/,
    );
  });
});

// pandas' to_csv() writes its unnamed index column as a blank header cell; a trailing delimiter
// leaves one at the end; two columns may share a name. Such a first row was taken for data ("no
// user id column found (columns: column_1, ...)"), and with --header the second `value` hid the
// first in the row's JSON.
describe("a header with a blank or repeated name", () => {
  async function imported(csv: string, options: ImportOptions = {}) {
    const { summary, events: stored } = await importText("rows.csv", csv, options);
    return { added: summary.added, events: stored.map((e) => [e.user, e.event, e.props]) };
  }

  it("is a header: a blank name is column_N, as without a header", async () => {
    expect(await imported(",user_id,event,time\n0,u1,view,2024-01-01T00:00:00Z\n")).toEqual({
      added: 1,
      events: [["u1", "view", { column_1: 0 }]],
    });
    expect(await imported("user_id,event,time,\nu1,view,2024-01-01T00:00:00Z,x\n")).toEqual({
      added: 1,
      events: [["u1", "view", { column_4: "x" }]],
    });
  });

  it("is a header: a repeated name gets _2, _3, skipping the names the header holds", async () => {
    const csv = "user_id,event,time,value,value\nu1,view,2024-01-01T00:00:00Z,1,2\n";
    const expected = { added: 1, events: [["u1", "view", { value: 1, value_2: 2 }]] };
    expect(await imported(csv)).toEqual(expected);
    expect(await imported(csv, { header: true })).toEqual(expected);
    expect(
      await imported("user_id,event,time,v,v_2,v,,column_4\nu1,view,2024-01-01T00:00:00Z,1,2,3,4,5\n"),
    ).toEqual({
      added: 1,
      events: [["u1", "view", { v: 1, v_2: 2, v_3: 3, column_7: 4, column_4: 5 }]],
    });
  });

  it("is still data when it and the rows below hold text only", () => {
    expect(
      detectHeader([
        ["a", "a"],
        ["b", "c"],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ["a", ""],
        ["b", "c"],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ["", ""],
        ["1", "2"],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ["a", "a"],
        ["b", "2024-01-01"],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ["name", "city"],
        ["b", "c"],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ["u1", "7"],
        ["u2", "8"],
      ]),
    ).toBe(false);
    expect(headerNames(["", "column_1", " a ", "a"])).toEqual(["column_1_2", "column_1", "a", "a_2"]);
  });
});
