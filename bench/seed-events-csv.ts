import fs from "node:fs";
import path from "node:path";
import { seedEvents } from "./seed.ts";

// The engine bench's events (bench/seed.ts: the funnel, retention and metric cases are written for
// them) as a CSV that `strata import` and DuckDB's read_csv both load: user_id, event, time as ISO
// 8601 with Z, and the properties country, platform and price (empty when the event has none).
// Written once per size, so that every scale run reads the same bytes.
//   node bench/seed-events-csv.ts N [DIR]

/** Path of the CSV of the first `events` seeded events, written if not already there. */
export async function seedEventsCsv(events: number, dir: string): Promise<string> {
  const file = path.join(dir, `seed-events-${events}.csv`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const out = fs.openSync(tmp, "w");
  try {
    let buf = "user_id,event,time,country,platform,price\n";
    for (const e of seedEvents(events)) {
      const price = e.props.price === undefined ? "" : String(e.props.price);
      buf += `${e.user},${e.event},${new Date(e.time).toISOString()},${e.props.country},${e.props.platform},${price}\n`;
      if (buf.length > 1 << 22) {
        fs.writeSync(out, buf);
        buf = "";
      }
    }
    fs.writeSync(out, buf);
  } finally {
    fs.closeSync(out);
  }
  fs.renameSync(tmp, file);
  return file;
}

if (import.meta.filename === process.argv[1]) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const dir = process.argv[3] ?? path.join(import.meta.dirname, "data");
  console.log(await seedEventsCsv(n, dir));
}
