import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { importLog } from "../../../src-main/workspace/info.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { tempWorkspace } from "./helpers.ts";

// An import that kept rows it could not fully read (a price that is no number: the purchase is kept
// without revenue) said so in its summary only; reopened, the workspace's import log showed a clean
// import. The warnings now stay with the import, in the app's log and `strata info`.

const PRICED =
  "customer_id;invoice_date;quantity;unit_price\nc1;2024-03-01 10:00:00;2;3,50\nc2;2024-03-01 11:00:00;1;n/a\nc3;2024-03-01 12:00:00;1;kostenlos\n";

async function imported(): Promise<string> {
  const ws = tempWorkspace();
  const file = path.join(tmpDir("strata-warn-"), "orders.csv");
  fs.writeFileSync(file, PRICED);
  const [summary] = await ingest({ workspace: ws, files: [file], options: {}, columns: true });
  expect(summary?.warnings).toEqual({ unreadable_revenue: { count: 2, firstLines: [3, 4] } });
  return ws;
}

describe("import warnings", () => {
  it("stay in the import log after the workspace is closed and opened again", async () => {
    const ws = await imported();
    const opened = Workspace.open(ws, { readonly: true });
    try {
      const [entry] = importLog(opened);
      expect(entry?.warnings).toEqual({ unreadable_revenue: { count: 2, firstLines: [3, 4] } });
      expect(entry?.added).toBe(3);
    } finally {
      opened.close();
    }
  });

  it("are printed by strata info, and absent from an import that had none", async () => {
    const ws = await imported();
    const clean = path.join(tmpDir("strata-warn-"), "clean.csv");
    fs.writeFileSync(clean, "customer_id;invoice_date;quantity;unit_price\nc9;2024-03-02 10:00:00;1;4\n");
    await ingest({ workspace: ws, files: [clean], options: {}, columns: true });
    const a = io();
    expect(await main(["info", ws], a.io)).toBe(0);
    const text = a.out.join("");
    expect(text).toMatch(
      /#1 orders\.csv: done.*\n {4}warning: unreadable_revenue: 2 events kept \(first lines 3, 4\)/,
    );
    expect(text).toMatch(/#2 clean\.csv: done[^\n]*\n(?! {4}warning)/);
    const b = io();
    expect(await main(["info", ws, "--json"], b.io)).toBe(0);
    const imports = JSON.parse(b.out.join("")).imports as { fileName: string; warnings: object }[];
    expect(imports.map((i) => [i.fileName, i.warnings])).toEqual([
      ["clean.csv", {}],
      ["orders.csv", { unreadable_revenue: { count: 2, firstLines: [3, 4] } }],
    ]);
  });

  it("a row the file held for the next import's id does not speak for that import", async () => {
    const ws = await imported();
    const db = new Database(ws);
    db.exec(
      `INSERT INTO import_warnings VALUES (2, '{"unreadable_revenue":{"count":999,"firstLines":[1]}}')`,
    );
    db.close();
    const clean = path.join(tmpDir("strata-warn-"), "clean.csv");
    fs.writeFileSync(clean, "customer_id;invoice_date;quantity;unit_price\nc9;2024-03-02 10:00:00;1;4\n");
    await ingest({ workspace: ws, files: [clean], options: {}, columns: true });
    const opened = Workspace.open(ws, { readonly: true });
    try {
      expect(importLog(opened).map((e) => [e.fileName, e.warnings])).toEqual([
        ["clean.csv", {}],
        ["orders.csv", { unreadable_revenue: { count: 2, firstLines: [3, 4] } }],
      ]);
    } finally {
      opened.close();
    }
  });

  it("a table of another shape reads as none, and an import refuses it as damaged, changing nothing", async () => {
    const ws = await imported();
    const db = new Database(ws);
    db.exec("DROP TABLE import_warnings; CREATE TABLE import_warnings (x)");
    db.close();
    const a = io();
    expect(await main(["info", ws, "--json"], a.io)).toBe(0);
    expect(JSON.parse(a.out.join("")).imports[0].warnings).toEqual({});
    const events = () => {
      const d = new Database(ws, { readonly: true });
      try {
        return d.prepare("SELECT count(*) AS n FROM events").get();
      } finally {
        d.close();
      }
    };
    const before = events();
    const more = path.join(tmpDir("strata-warn-"), "more.csv");
    fs.writeFileSync(more, PRICED.replace(/\nc(\d)/g, "\nd$1"));
    await expect(ingest({ workspace: ws, files: [more], options: {}, columns: true })).rejects.toMatchObject({
      code: "corrupt",
      message: expect.stringMatching(/import_warnings table is not one Strata made/),
    });
    expect(events()).toEqual(before);
  });
});
