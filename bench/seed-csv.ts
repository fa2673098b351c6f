import fs from "node:fs";
import path from "node:path";

// Writes a seeded CSV of N events (about N/10 users, 8 event names, a few properties) once, so that
// every bench run reads the same bytes. Times alternate between ISO 8601 (with Z) and epoch ms by
// file, to exercise both time paths.

const EVENTS = ["view_item", "add_to_cart", "purchase", "signup", "login", "search", "share", "logout"];
const WEIGHTS = [40, 12, 5, 2, 15, 18, 3, 5];
const COUNTRIES = ["US", "GB", "DE", "FR", "IN", "BR", "JP", "CA", "ES", "IT"];
const PLANS = ["free", "pro", "team"];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  events: number;
  dir: string;
  seed?: number;
  epoch?: boolean;
}

/** Path of the seeded file, written if not already there. */
export async function seedCsv(opts: SeedOptions): Promise<string> {
  const file = path.join(opts.dir, `events-${opts.events}${opts.epoch ? "-epoch" : ""}.csv`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(opts.dir, { recursive: true });
  const rand = mulberry32(opts.seed ?? 42);
  const users = Math.max(1, Math.round(opts.events / 10));
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const start = Date.UTC(2025, 0, 1);
  const span = 180 * 86_400_000;
  const tmp = `${file}.tmp-${process.pid}`;
  const out = fs.createWriteStream(tmp);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  await write("user_id,event,time,country,plan,price,item_id\n");
  let buf = "";
  for (let i = 0; i < opts.events; i++) {
    const u = Math.floor(rand() * users);
    let w = rand() * total;
    let e = 0;
    while (e < EVENTS.length - 1 && w >= (WEIGHTS[e] as number)) {
      w -= WEIGHTS[e] as number;
      e++;
    }
    const t = start + Math.floor(rand() * span);
    const time = opts.epoch ? String(t) : new Date(t).toISOString();
    const country = COUNTRIES[u % COUNTRIES.length];
    const plan = PLANS[(u >> 3) % PLANS.length];
    const price = e === 2 ? (rand() * 200).toFixed(2) : "";
    const item = e <= 2 ? String(1000 + Math.floor(rand() * 5000)) : "";
    buf += `u${u},${EVENTS[e]},${time},${country},${plan},${price},${item}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  fs.renameSync(tmp, file);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const dir = process.argv[3] ?? path.join(import.meta.dirname, "data");
  seedCsv({ events: n, dir }).then((f) => console.log(f));
}
