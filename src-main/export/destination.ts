import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";

// Where exports and shared copies are written. A file is built under a hidden temporary name in the
// destination's folder and renamed over the destination at the end, so the destination is either
// untouched or whole. A temporary name carries the writer's pid: a writer killed with SIGKILL cannot
// clean up, so the next writer into that folder (and the app at start-up) removes the temporaries
// of writers that are no longer running. What is already at the destination is replaced only when
// asked (`--force`, or a save dialog where the user confirmed), and only if it is a regular file:
// never a symlink (it would write through to wherever it points), a device (/dev/null as root was
// replaced by a regular file), a folder or a socket.

const TEMP = /^\.(.+)\.strata-part-(\d+)-[0-9a-f]{8}(\.[a-z]+)?(-journal|-wal|-shm)?$/;
const PRIVATE_DIR = /^strata-share-(\d+)-/;

/** The hidden temporary name for `file`, in the same folder (so the final rename is atomic). */
export function tempBeside(file: string, suffix = ""): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.strata-part-${process.pid}-${randomBytes(4).toString("hex")}${suffix}`,
  );
}

/** A folder only this user can read, for a plain stage that must not sit beside the output. */
export function privateTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strata-share-${process.pid}-`));
  fs.chmodSync(dir, 0o700);
  return dir;
}

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporaries left in `dir` by writers that were killed; returns what it removed. */
export function sweepStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || running(Number(m[2]))) continue;
    const f = path.join(dir, name);
    // only regular files we could have made: never follow or remove anything else
    if (fs.lstatSync(f, { throwIfNoEntry: false })?.isFile()) {
      fs.rmSync(f, { force: true });
      removed.push(f);
    }
  }
  return removed;
}

/** Removes private plain stages (os.tmpdir()/strata-share-PID-*) of share runs that were killed. */
export function sweepPrivateTemps(): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = PRIVATE_DIR.exec(name);
    if (!m || running(Number(m[1]))) continue;
    const d = path.join(os.tmpdir(), name);
    const st = fs.lstatSync(d, { throwIfNoEntry: false });
    if (st?.isDirectory() && st.uid === os.userInfo().uid) {
      fs.rmSync(d, { recursive: true, force: true });
      removed.push(d);
    }
  }
  return removed;
}

/**
 * Checks that `file` may be written: its folder exists, and it does not exist yet, or it is a regular
 * file and `overwrite` is set. Returns the absolute path. `canForce`: the command has a --force to
 * name in the refusal (share has none).
 */
export function checkDestination(out: string, overwrite: boolean, canForce = true): string {
  const file = path.resolve(out);
  const dir = path.dirname(file);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new StrataError("not_found", `the folder ${dir} does not exist`);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (st === undefined) return file;
  if (!st.isFile())
    throw new StrataError(
      "exists",
      `${file} exists and is not a regular file (${st.isSymbolicLink() ? "a symbolic link" : st.isDirectory() ? "a folder" : "a device or special file"}); Strata never writes over it`,
    );
  if (!overwrite)
    throw new StrataError(
      "exists",
      canForce
        ? `${file} already exists; choose another name, or pass --force to replace it`
        : `${file} already exists; choose another name (a shared copy never replaces a file)`,
    );
  return file;
}

/** Renames the finished temporary into place, checking the destination again just before. */
export function commitTemp(tmp: string, file: string, overwrite: boolean, canForce = true): void {
  checkDestination(file, overwrite, canForce);
  fs.renameSync(tmp, file);
}

/** A write that failed for want of room or permission, said plainly (not a raw ENOSPC). */
export function writeFailure(file: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT")
    return new StrataError("bad_input", `cannot write ${file}: the disk is full; nothing was written there`);
  if (code === "EROFS" || code === "EACCES" || code === "EPERM")
    return new StrataError(
      "bad_input",
      `cannot write ${file}: the folder is read-only or not writable; nothing was written there`,
    );
  return e;
}
