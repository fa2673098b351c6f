// Cold-cache opens for the bench: a file just written (or read by the previous run) sits in the page
// cache, and an open that reads it from memory flatters us several times over. Before each cold open
// the bench asks the kernel to drop the file's cached pages (posix_fadvise(DONTNEED), which
// `dd iflag=nocache count=0` issues for the whole file; no root needed, unlike drop_caches) and checks
// with util-linux's fincore that none are left. Only a VM's own cache is dropped: a host below it may
// still cache the disk, which is why the bench prints how it made the file cold.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** Bytes of `file` in the page cache, or null when this machine has no fincore to ask. */
export function cachedBytes(file: string): number | null {
  const r = spawnSync("fincore", ["--bytes", "--noheadings", "--output", "RES", file], { encoding: "utf8" });
  if (r.status !== 0 || r.error) return null;
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) ? n : null;
}

/** The file and its SQLite companions (a WAL is read at open too). */
function withCompanions(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f));
}

/**
 * Drops `file` (and its -wal/-shm) from the page cache. Returns how that was done and verified, for
 * the bench's notes; throws when the pages could not be dropped, so that a warm figure is never
 * reported as a cold one.
 */
export function dropFromCache(file: string): string {
  for (const f of withCompanions(file)) {
    const r = spawnSync("dd", [`if=${f}`, "iflag=nocache", "count=0", "status=none"], { encoding: "utf8" });
    if (r.status !== 0 || r.error)
      throw new Error(
        `cannot drop ${f} from the page cache (dd iflag=nocache): ${r.stderr || r.error?.message}`,
      );
  }
  const left = cachedBytes(file);
  if (left === null)
    return "dropped by posix_fadvise(DONTNEED) (dd iflag=nocache); fincore absent: unverified";
  // a page or two may be read back by a concurrent stat or the check itself: allow 1 MB
  if (left > 1024 * 1024)
    throw new Error(`${file} still has ${left} bytes in the page cache after dd iflag=nocache`);
  return `dropped by posix_fadvise(DONTNEED) (dd iflag=nocache), fincore: ${left} B cached`;
}
