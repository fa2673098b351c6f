import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { PushProgress, PushReport } from "../../src-preload/contract/methods/cluster.ts";
import { all, get, sql, statement } from "../db/sql.ts";
import { readActivity } from "../workspace/activity.ts";
import { readMeta } from "../workspace/settings.ts";
import { deleteRows } from "./delete-rows.ts";
import type { ChClient } from "./http.ts";
import { settleIdentity } from "./identity-stamp.ts";
import { ensureLayout, metaRow, SYNC_INSERT } from "./layout.ts";
import { str } from "./literal.ts";
import { type People, readPeople } from "./people.ts";
import { type EventRow, eventLine, type UserRow, userLine } from "./rows.ts";

// `strata push`: the workspace's events go to the cluster import by import, in batches of
// BATCH rows in seq order. A batch is idempotent: before sending it, the cluster is asked how
// many rows of (import, batch) it holds. All of them: skipped. None: sent. Some (a push killed
// while a Distributed insert had reached one shard and not the other): those rows are deleted
// and the batch is sent again. So re-running push is harmless, even after a kill midway.
// Events go under the person identity merge makes of their user, as the local timeline groups them
// (people.ts); a merge that changed for users already pushed has everything sent again
// (identity-stamp.ts).

export const BATCH = 100_000;

export type { PushProgress, PushReport };

interface ImportSpan {
  imp: number;
  n: number;
  lo: number;
  hi: number;
}

/**
 * What one push sends, read in one transaction before anything is awaited. An import that commits
 * while the push waits on the cluster adds users and links the people here do not know: its events
 * would go under a stale person, past the bound the identity record claims (identity-stamp.ts).
 * Only what this snapshot holds is sent; the next push sends the rest.
 */
function snapshot(db: Database.Database): { people: People; spans: ImportSpan[]; usersImports: number } {
  return db.transaction(() => ({
    people: readPeople(db),
    spans: all<ImportSpan>(
      db,
      sql`SELECT coalesce(import_id, 0) AS imp, count(*) AS n, min(seq) AS lo, max(seq) AS hi
          FROM events GROUP BY imp ORDER BY imp`,
    ),
    usersImports: get<{ n: number }>(db, sql`SELECT count(*) AS n FROM imports WHERE kind = 'users'`)?.n ?? 0,
  }))();
}

/** A stable name for the workspace in the push log: its creation instant. */
export function workspaceKey(db: Database.Database): string {
  return `ws-${readMeta(db).createdAt}`;
}

export async function push(
  db: Database.Database,
  ch: ChClient,
  onProgress: (p: PushProgress) => void = () => {},
  opts: { batch?: number; signal?: AbortSignal } = {},
): Promise<PushReport> {
  const size = opts.batch ?? BATCH;
  const t0 = performance.now();
  await ensureLayout(ch);
  const ws = workspaceKey(db);
  const { people, spans, usersImports } = snapshot(db);
  const resent = await settleIdentity(ch, ws, people);
  const eventsTotal = spans.reduce((s, x) => s + x.n, 0);
  // the total at once, so that progress reads "0 of N" while the first batch is on its way
  onProgress({ phase: "events", importId: spans[0]?.imp ?? 0, eventsSent: 0, eventsTotal });
  const report: PushReport = {
    imports: spans.length,
    importsPushed: 0,
    batchesSent: 0,
    batchesSkipped: 0,
    batchesRepaired: 0,
    eventsSent: 0,
    usersSent: 0,
    seconds: 0,
    eventsPerSecond: 0,
  };
  const names = new Map<number, string>();
  for (const eventName of all<{ id: number; name: string }>(db, sql`SELECT id, name FROM event_names`))
    names.set(eventName.id, eventName.name);
  const read = statement(db)`SELECT seq, user_id, event_id, time, properties FROM events
     WHERE seq > ? AND seq <= ? AND coalesce(import_id, 0) = ? ORDER BY seq LIMIT ?`;
  let done = 0;
  for (const sp of spans) {
    const have = new Map<number, number>();
    for (const storedBatch of await ch.rows<{ batch: number; c: number }>(
      `SELECT batch, count() AS c FROM events WHERE import_id = ${sp.imp} GROUP BY batch`,
    ))
      have.set(storedBatch.batch, storedBatch.c);
    // batch numbers depend on the batch size: another size would number other rows as batch b and
    // send them again, so a size that differs from the one this import was first pushed with is refused
    const [first] = await ch.rows<{ r: number }>(
      `SELECT max(rows) AS r FROM push_log WHERE workspace = ${str(ws)} AND import_id = ${sp.imp} AND batch = 0`,
    );
    if (have.size > 0 && first && first.r > 0 && first.r !== Math.min(size, sp.n))
      throw new StrataError(
        "invalid_request",
        `import ${sp.imp} was pushed in batches of ${first.r.toLocaleString("en-US")} events: push it with the same batch size`,
      );
    const nBatches = Math.ceil(sp.n / size);
    let after = sp.lo - 1;
    let sentAny = false;
    const send = async (batch: number, rows: EventRow[], lines: string | null, held: number) => {
      if (lines !== null) {
        if (held > 0) {
          const where = `import_id = ${sp.imp} AND batch = ${batch}`;
          await deleteRows(ch, "events", where, `the partial batch ${sp.imp}/${batch}`);
          report.batchesRepaired++;
        }
        await ch.insert("INSERT INTO events", lines, SYNC_INSERT);
        report.batchesSent++;
        report.eventsSent += rows.length;
        sentAny = true;
      } else report.batchesSkipped++;
      await ch.insert(
        "INSERT INTO push_log",
        JSON.stringify({
          workspace: ws,
          import_id: sp.imp,
          batch,
          rows: rows.length,
          first_seq: rows[0]?.seq ?? 0,
          last_seq: rows[rows.length - 1]?.seq ?? 0,
          pushed_at: Math.floor(Date.now() / 1000),
          done: 1,
        }),
        SYNC_INSERT,
      );
      done += rows.length;
      onProgress({ phase: "events", importId: sp.imp, eventsSent: done, eventsTotal });
    };
    // each batch is read and encoded while the one before it is on the wire; they still land in order
    let pending: Promise<void> = Promise.resolve();
    for (let batch = 0; batch < nBatches; batch++) {
      // between batches only: each batch is idempotent, so a cancelled push resumes cleanly
      if (opts.signal?.aborted) {
        await pending.catch(() => {});
        throw new StrataError("cancelled", "the push was cancelled");
      }
      const raw = read.all(after, sp.hi, sp.imp, size) as (Omit<EventRow, "name"> & { event_id: number })[];
      const last = raw[raw.length - 1];
      if (!last) break;
      after = last.seq;
      const held = have.get(batch) ?? 0;
      const rows: EventRow[] = raw.map((r) => ({
        ...r,
        user_id: people.personOf(r.user_id),
        name: names.get(r.event_id) ?? "",
      }));
      const lines = held === rows.length ? null : rows.map((r) => eventLine(r, sp.imp, batch)).join("\n");
      await pending;
      pending = send(batch, rows, lines, held);
      pending.catch(() => {});
    }
    await pending;
    if (sentAny) report.importsPushed++;
  }
  report.usersSent = await pushUsers(db, ch, people, usersImports, report.eventsSent > 0 || resent);
  await pushMeta(db, ch);
  report.seconds = (performance.now() - t0) / 1000;
  report.eventsPerSecond = report.seconds > 0 ? Math.round(report.eventsSent / report.seconds) : 0;
  onProgress({ phase: "done", importId: 0, eventsSent: done, eventsTotal });
  return report;
}

/**
 * Users are few next to events and their attributes change with user imports, so they are sent
 * whole whenever the cluster's count differs or events were sent; a newer version replaces the
 * older row (ReplacingMergeTree, read with FINAL). The users are the merge's persons: a merged
 * anonymous user is none, its external id an alias of its person (what the local user lookup
 * shows for it, store/user-timeline.ts).
 */
async function pushUsers(
  db: Database.Database,
  ch: ChClient,
  people: People,
  usersImports: number,
  force: boolean,
): Promise<number> {
  const local = { n: people.count, m: people.maxId };
  const [remote] = await ch.rows<{ n: number; m: number }>(
    "SELECT count() AS n, max(user) AS m FROM users FINAL",
  );
  const [logged] = await ch.rows<{ v: string }>(
    `SELECT any(value) AS v FROM meta FINAL WHERE key = 'usersImports'`,
  );
  if (!force && remote?.n === local.n && remote?.m === local.m && logged?.v === String(usersImports))
    return 0;
  const version = Date.now();
  // users of the snapshot only: a later one may be merged into another, which `people` cannot say
  const it = statement(db)`SELECT id, external_id, created_at, attributes FROM users
     WHERE id <= ? ORDER BY id`.iterate(people.lastUserId) as IterableIterator<UserRow>;
  let batch: string[] = [];
  let ids: string[] = [];
  let sent = 0;
  const flush = async () => {
    if (batch.length > 0) await ch.insert("INSERT INTO users", batch.join("\n"), SYNC_INSERT);
    if (ids.length > 0) await ch.insert("INSERT INTO identity", ids.join("\n"), SYNC_INSERT);
    sent += batch.length;
    batch = [];
    ids = [];
  };
  const rows: UserRow[] = [];
  for (const user of it) rows.push(user);
  for (const user of rows) {
    const person = people.personOf(user.id);
    if (person === user.id) batch.push(userLine({ ...user, created_at: people.createdAt(user.id) }, version));
    ids.push(JSON.stringify({ alias: user.external_id, user: person, version }));
    if (ids.length >= BATCH) await flush();
  }
  await flush();
  await ch.insert("INSERT INTO meta", metaRow("usersImports", String(usersImports), version), SYNC_INSERT);
  return sent;
}

async function pushMeta(db: Database.Database, ch: ChClient): Promise<void> {
  const m = readMeta(db);
  const v = Date.now();
  const lines = [
    metaRow("timezone", m.timezone, v),
    metaRow("weekStart", m.weekStart, v),
    metaRow("asOf", JSON.stringify(m.asOf), v),
    metaRow("activity", JSON.stringify(readActivity(db).exclude), v),
    metaRow("workspace", workspaceKey(db), v),
  ];
  await ch.insert("INSERT INTO meta", lines.join("\n"), SYNC_INSERT);
}
