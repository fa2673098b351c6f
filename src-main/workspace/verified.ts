import fs from "node:fs";
import path from "node:path";

// The app's record of workspace files whose pages it has checked (quick_check) and that have not
// changed since: opening such a file again skips the page check, which at 10M events costs more than
// reading the engine's columns. Kept in the app's data folder, never in the workspace: a file from
// someone else can carry no claim of its own to have been checked. docs/security.md argues why the
// identity below is enough.
//
// A file's identity: its device and inode, its size, its modification and change times to the
// nanosecond, and the SQLite header's change counter and "version valid for" fields. Any write to
// the file changes the change time (ctime), which no unprivileged program can set back; a copy or
// a replacement is another inode. A file with a non-empty -wal is never taken as checked: its pages
// are not all in the file.

const MAX_FILES = 64;

/** The identity of `file` now, or null when it cannot be vouched for (unreadable, or with a WAL). */
export function fileIdentity(file: string): string | null {
  try {
    const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
    if (wal && wal.size > 0) return null;
    const st = fs.statSync(file, { bigint: true });
    if (!st.isFile()) return null;
    const head = Buffer.alloc(100);
    const fd = fs.openSync(file, "r");
    try {
      if (fs.readSync(fd, head, 0, 100, 0) !== 100) return null;
    } finally {
      fs.closeSync(fd);
    }
    // bytes 24-27: file change counter; 92-95: the counter value the "version valid for" belongs to
    const counters = `${head.readUInt32BE(24)}.${head.readUInt32BE(92)}`;
    return [st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs, counters].join(":");
  } catch {
    return null;
  }
}

interface Entry {
  path: string;
  identity: string;
}

/** Files whose pages passed the check, by path, in a small JSON file (most recent first). */
export class VerifiedFiles {
  private readonly file: string;

  /** `file`: where the record is kept (the app passes one in its data folder) */
  constructor(file: string) {
    this.file = file;
  }

  private read(): Entry[] {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, "utf8")) as unknown;
      if (!Array.isArray(data)) return [];
      return data.filter(
        (d): d is Entry =>
          typeof d === "object" && d !== null && typeof d.path === "string" && typeof d.identity === "string",
      );
    } catch {
      // a missing or damaged record only means every file is checked again
      return [];
    }
  }

  /** Whether `workspace`'s pages were checked and it has not changed since. */
  has(workspace: string): boolean {
    const abs = path.resolve(workspace);
    const now = fileIdentity(abs);
    return now !== null && this.read().some((e) => e.path === abs && e.identity === now);
  }

  /**
   * Records `workspace` as checked, as it is now. Call only right after its pages passed the check,
   * or after Strata closed a file it had checked (or made) and then changed itself.
   */
  remember(workspace: string): void {
    const abs = path.resolve(workspace);
    const identity = fileIdentity(abs);
    const rest = this.read().filter((e) => e.path !== abs);
    const list = identity === null ? rest : [{ path: abs, identity }, ...rest];
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(list.slice(0, MAX_FILES), null, 1), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch {
      // an unwritable data folder costs the next open its page check, nothing more
    }
  }
}
