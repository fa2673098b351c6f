import fs from "node:fs";
import os from "node:os";
import { StrataError } from "../../src-preload/contract/errors.ts";

// One writer per workspace: a `<file>.lock` beside it names the process that holds it. A lock left
// by a process that no longer runs (a crash, a kill) is taken over, so a killed import never locks
// the analyst out of their file.

interface LockInfo {
  pid: number;
  host: string;
  since: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

export interface WriteLock {
  release(): void;
}

export function acquireWriteLock(file: string): WriteLock {
  const lockPath = `${file}.lock`;
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: Date.now() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const held = readLock(lockPath);
          if (held && held.pid === mine.pid && held.since === mine.since)
            fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const held = readLock(lockPath);
      const stale = !held || (held.host === mine.host && !alive(held.pid));
      if (!stale) {
        throw new StrataError(
          "locked",
          `${file} is open for writing in another Strata (process ${held.pid} on ${held.host}). Close it there first, or open a copy.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new StrataError("locked", `could not lock ${file} for writing`);
}
