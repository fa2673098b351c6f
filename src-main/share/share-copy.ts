import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { encryptFile } from "./container.ts";
import { scrubInWorker } from "./scrub-in-worker.ts";

// "Share a copy": an online SQLite backup of the open workspace into a temporary file, scrubbed on
// the copy's own connection in a worker thread (the original is only read; the app stays responsive), vacuumed so that deleted rows leave no
// trace in free pages, optionally encrypted, then renamed into place. Any failure removes the
// temporary files and leaves no output.

export interface ShareResult {
  path: string;
  bytes: number;
  /** attribute and property names removed */
  dropped: string[];
}

export async function shareCopy(ws: Workspace, opts: ShareOptions): Promise<ShareResult> {
  const out = path.resolve(opts.out);
  if (out === ws.path)
    throw new StrataError("invalid_request", "a shared copy cannot replace the workspace itself");
  if (!fs.existsSync(path.dirname(out)))
    throw new StrataError("not_found", `the folder ${path.dirname(out)} does not exist`);
  if (fs.existsSync(out)) throw new StrataError("exists", `${out} already exists; choose another name`);
  const stem = `${out}.part-${process.pid}-${randomBytes(4).toString("hex")}`;
  // An encrypted copy's plain stage never sits beside the output (a synced folder, a USB stick):
  // it is made in a private temporary folder and only the sealed file is written next to `out`.
  const privateDir =
    opts.passphrase !== undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "strata-share-")) : null;
  if (privateDir) fs.chmodSync(privateDir, 0o700);
  const plain = privateDir ? path.join(privateDir, "copy.plain") : `${stem}.plain`;
  const sealed = `${stem}.sealed`;
  const temps = [plain, `${plain}-journal`, `${plain}-wal`, `${plain}-shm`, sealed];
  try {
    await ws.db.backup(plain);
    const dropped = await scrubInWorker(plain, opts, ws.asOfDate());
    let result = plain;
    if (opts.passphrase !== undefined) {
      await encryptFile(plain, sealed, opts.passphrase);
      result = sealed;
    }
    if (fs.existsSync(out)) throw new StrataError("exists", `${out} already exists; choose another name`);
    fs.renameSync(result, out);
    return { path: out, bytes: fs.statSync(out).size, dropped };
  } finally {
    for (const f of temps) fs.rmSync(f, { force: true });
    if (privateDir) fs.rmSync(privateDir, { recursive: true, force: true });
  }
}
