import fs from "node:fs";
import { NEW_FILE_PAGE_SIZE } from "../src-main/db/connection.ts";
import { persistColumns } from "../src-main/engine/columns/index.ts";
import { EventWriter } from "../src-main/store/event-writer.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import { seedEvents } from "./seed.ts";

// The benches' seeded workspaces, built once into bench/data with their saved columns, and built
// again when the file was written with another page size than the app now gives a new workspace:
// the benches measure the files the app writes today, not ones an older version left behind.

/** The page size in a SQLite file's header (bytes 16-17, big-endian; 1 means 65,536). */
export function pageSizeOf(file: string): number {
  const header = Buffer.alloc(18);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, 18, 0);
  } finally {
    fs.closeSync(fd);
  }
  const size = header.readUInt16BE(16);
  return size === 1 ? 65_536 : size;
}

/** A workspace of `events` seeded events at `file` (seed.ts), its columns saved. */
export function seedWorkspace(file: string, events: number, log: (l: string) => void): void {
  if (fs.existsSync(file)) {
    const pageSize = pageSizeOf(file);
    if (pageSize === NEW_FILE_PAGE_SIZE) return;
    log(`${file} has ${pageSize}-byte pages, new workspaces ${NEW_FILE_PAGE_SIZE}: seeding it again`);
  }
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const t0 = performance.now();
  const ws = Workspace.create(tmp);
  ws.db.transaction(() => {
    const w = new EventWriter(ws.db, null);
    for (const e of seedEvents(events)) w.add(e.user, e.event, e.time, e.props);
    w.finish();
  })();
  const t1 = performance.now();
  persistColumns(ws.db);
  ws.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, file);
  log(
    `seeded ${file}: events ${((t1 - t0) / 1000).toFixed(1)} s, columns ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
}
