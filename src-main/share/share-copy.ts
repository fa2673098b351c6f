import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { InProcessEngine } from "../engine/in-process-engine.ts";
import {
  checkDestination,
  commitTemp,
  privateTempDir,
  sweepPrivateTemps,
  sweepStaleTemps,
  tempBeside,
  writeFailure,
} from "../export/destination.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { encryptFile } from "./container.ts";
import type { AffectedSaved, SavedRef } from "./scrub-copy.ts";
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
  /**
   * values and event names in which e-mail addresses were replaced; user ids replaced by pseudonyms
   * (every one with a pseudonymization key, those that were addresses with `dropPersonal`)
   */
  redacted: { values: number; eventNames: number; userIds: number };
  /** saved items that use a removed name, with member counts before and after (segments) */
  affected: AffectedSaved[];
  /** saved items whose last result a copy without events does not keep (it held removed values) */
  resultsDropped: SavedRef[];
}

async function countIn(ws: Workspace, id: string): Promise<number | null> {
  try {
    const r = await new InProcessEngine(ws.db, { lazy: true }).run({
      kind: "segmentCount",
      segment: { inSegment: id },
    });
    return r.users;
  } catch {
    return null;
  }
}

export async function shareCopy(ws: Workspace, opts: ShareOptions): Promise<ShareResult> {
  const out = path.resolve(opts.out);
  if (out === ws.path)
    throw new StrataError("invalid_request", "a shared copy cannot replace the workspace itself");
  checkDestination(out, false, false);
  // what a share killed mid-way left: its unscrubbed or unencrypted stage
  sweepStaleTemps(path.dirname(out));
  sweepPrivateTemps();
  // The unscrubbed, unencrypted stage never sits beside the output (a synced folder, a USB stick):
  // it is made in a private temporary folder (0700) and only the finished copy is written next to
  // `out`, under a hidden temporary name renamed at the end. A stage outlives a SIGKILL only until
  // the next share or the next start of the app (sweepPrivateTemps).
  const privateDir = privateTempDir();
  const plain = path.join(privateDir, "copy.plain");
  const final = tempBeside(out, opts.passphrase !== undefined ? ".sealed" : ".copy");
  try {
    await ws.db.backup(plain);
    const scrubbed = await scrubInWorker(plain, opts, ws.asOfDate());
    for (const item of scrubbed.affected)
      if (item.type === "segment" && item.after !== null) item.before = await countIn(ws, item.id);
    if (opts.passphrase !== undefined) await encryptFile(plain, final, opts.passphrase);
    else fs.copyFileSync(plain, final, fs.constants.COPYFILE_EXCL);
    commitTemp(final, out, false, false);
    return {
      path: out,
      bytes: fs.statSync(out).size,
      dropped: scrubbed.names,
      redacted: {
        values: scrubbed.redactedValues,
        eventNames: scrubbed.redactedEventNames,
        userIds: scrubbed.pseudonymizedIds,
      },
      affected: scrubbed.affected,
      resultsDropped: scrubbed.resultsDropped,
    };
  } catch (err) {
    throw writeFailure(out, err);
  } finally {
    fs.rmSync(final, { force: true });
    fs.rmSync(privateDir, { recursive: true, force: true });
  }
}
