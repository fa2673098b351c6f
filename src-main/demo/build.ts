import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { persistColumns } from "../engine/columns/index.ts";
import { EventWriter } from "../store/event-writer.ts";
import { acquireWriteLock } from "../workspace/lock.ts";
import { Workspace } from "../workspace/workspace.ts";
import { Clock } from "./calendar.ts";
import { buildCatalog } from "./catalog.ts";
import { simulateUser } from "./journeys.ts";

// Builds the demo workspace: a seeded shopping app (see resources/demo/recipe.md). Everything is
// written in one transaction into a file under a temporary name, which replaces `file` only once
// it is complete, so an interrupted build never leaves a half-made workspace or a damaged old one.

export interface DemoOptions {
  users?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}
export interface DemoStats {
  users: number;
  events: number;
}

export const DEFAULT_USERS = 20_000;
export const DEFAULT_SEED = 20261031;
export const MAX_USERS = 2_000_000;

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

function writeDemo(
  ws: Workspace,
  users: number,
  seed: number,
  onProgress?: DemoOptions["onProgress"],
): number {
  const clock = new Clock();
  const catalog = buildCatalog(seed);
  const writer = new EventWriter(ws.db, null);
  const width = Math.max(5, String(users).length);
  const every = Math.max(1, Math.floor(users / 100));
  ws.db.transaction(() => {
    for (let i = 0; i < users; i++) {
      const u = simulateUser(seed, i, width, clock, catalog);
      const id = u.user.externalId;
      writer.setUser(id, u.attributes, u.createdAt);
      for (const e of u.events) writer.add(id, e.name, e.time, e.props, null);
      if (onProgress && (i + 1) % every === 0) onProgress(i + 1, users);
    }
    writer.finish();
  })();
  ws.setSettings({ timezone: "UTC", asOf: { mode: "latest" } });
  return writer.added;
}

export function buildDemo(file: string, opts: DemoOptions = {}): DemoStats {
  const users = opts.users ?? DEFAULT_USERS;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(users) || users < 1 || users > MAX_USERS)
    throw new StrataError(
      "invalid_request",
      `users must be a whole number from 1 to ${MAX_USERS} (got ${users})`,
    );
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new StrataError(
      "invalid_request",
      `seed must be a whole number from 0 to ${0xffffffff} (got ${seed})`,
    );
  const out = path.resolve(file);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory())
    throw new StrataError("bad_input", `${out} is a folder, not a workspace file`);
  // Hold the old file's write lock for the whole build: fail at once if another Strata has it
  // open, and keep it from being opened for writing until it has been replaced.
  const lock = acquireWriteLock(out);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.building-${process.pid}`);
  let events = 0;
  try {
    removeWithSidecars(tmp);
    const ws = Workspace.create(tmp);
    try {
      // The temporary file is thrown away if anything fails, so durability mid-build buys nothing.
      ws.db.pragma("synchronous = OFF");
      events = writeDemo(ws, users, seed, opts.onProgress);
      // The engine's columnar timeline is saved too, so the first open of the demo is fast.
      persistColumns(ws.db);
      ws.db.pragma("synchronous = NORMAL");
      ws.db.pragma("wal_checkpoint(TRUNCATE)");
      ws.db.pragma("journal_mode = DELETE");
    } finally {
      ws.close();
    }
    // A stale WAL beside the old file would be replayed into the new one: it goes first.
    for (const sidecar of [`${out}-wal`, `${out}-shm`, `${out}-journal`]) fs.rmSync(sidecar, { force: true });
    fs.renameSync(tmp, out);
  } catch (err) {
    removeWithSidecars(tmp);
    throw err;
  } finally {
    lock.release();
  }
  return { users, events };
}
