import fs from "node:fs";
import zlib from "node:zlib";
import { EventWriter } from "../../../src-main/store/event-writer.ts";
import type { Workspace } from "../../../src-main/workspace/workspace.ts";
import { datasetFile } from "../../helpers/datasets.ts";

// Loads the UCI Online Retail file into a workspace without the importer, so the metric checks do
// not depend on it: one event per invoice line with a customer, `purchase` (or `refund` for a
// C-invoice), properties invoice and pence (quantity x unit price in whole pence, so sums are exact
// in both engines). Shop-local times are read as UTC wall-clock, as DuckDB reads them.

export const RETAIL_CSV = datasetFile("online-retail/online_retail.csv.gz");

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields in this file). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i++];
      }
      out.push(v);
      i++; // the comma
    } else {
      const j = line.indexOf(",", i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** Rounds half away from zero, as SQL's round() does. */
export function pence(quantity: number, unitPrice: number): number {
  const x = quantity * unitPrice * 100;
  return Math.sign(x) * Math.round(Math.abs(x));
}

export function loadRetail(ws: Workspace): { rows: number; events: number } {
  const text = zlib.gunzipSync(fs.readFileSync(RETAIL_CSV)).toString("utf8");
  const lines = text.split("\n");
  let events = 0;
  ws.db.transaction(() => {
    const w = new EventWriter(ws.db, null);
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k] as string;
      if (line === "") continue;
      const f = splitCsvLine(line);
      if (f.length !== 8) throw new Error(`online retail line ${k + 1}: ${f.length} fields`);
      const [invoice, , , qty, date, price, customer] = f as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      if (customer === "") continue;
      const t = Date.parse(`${date.replace(" ", "T")}Z`);
      w.add(customer, invoice.startsWith("C") ? "refund" : "purchase", t, {
        invoice,
        pence: pence(Number(qty), Number(price)),
      });
      events++;
    }
    w.finish();
  })();
  return { rows: lines.length - 2, events };
}
