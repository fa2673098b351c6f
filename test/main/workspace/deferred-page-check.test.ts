import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Session } from "../../../src-main/session.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { APPLICATION_ID, MIGRATIONS } from "../../../src-main/workspace/schema.ts";
import { VerifiedFiles } from "../../../src-main/workspace/verified.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { SegmentCountQuery } from "../../../src-preload/contract/spec-queries.ts";
import { asyncCodeOf, codeOf } from "../../helpers/error-code.ts";
import { viewAndBuyFile } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// The app checks the pages of a file it has not checked while its query workers read the engine's
// columns (Session.open, OpenOptions.deferPageCheck). The damage here is on a page that only the
// page check reads (a table's root page that neither the open nor a query touches), so a check that
// did not run shows as a damaged file that opens.

/** Writes an impossible page type on `table`'s root page. */
function damageRoot(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = ?").pluck().get(table) as number;
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, "r+");
  fs.writeSync(fd, Buffer.from([0xff]), 0, 1, (root - 1) * pageSize);
  fs.closeSync(fd);
}

const sha = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");

const buyers = parseOrThrow(SegmentCountQuery, {
  kind: "segmentCount",
  segment: { all: [{ performed: { event: "buy" } }] },
});

async function buyersCount(s: Session): Promise<number> {
  return (await s.query(buyers)).users;
}

let session: Session | null = null;
const made: string[] = [];
afterEach(async () => {
  await session?.close();
  session = null;
  for (const file of made.splice(0)) fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** viewAndBuyFile, removed after the test. */
function eventsFile(): string {
  const file = viewAndBuyFile();
  made.push(file);
  return file;
}

describe("a page check deferred to run beside the query workers", () => {
  it("an open that defers it owes it; the check refuses a damaged file and records a sound one", () => {
    const dir = tmpDir();
    const file = path.join(dir, "w.strata");
    Workspace.create(file).close();
    const verified = new VerifiedFiles(path.join(dir, "verified.json"));

    const sound = Workspace.open(file, { readonly: true, verified, deferPageCheck: true });
    expect(sound.owesPageCheck).toBe(true);
    expect(verified.has(file)).toBe(false);
    sound.checkOwedPages();
    expect(sound.owesPageCheck).toBe(false);
    sound.close();
    expect(verified.has(file)).toBe(true);
    // recorded: a later open owes nothing
    const again = Workspace.open(file, { readonly: true, verified, deferPageCheck: true });
    expect(again.owesPageCheck).toBe(false);
    again.close();

    damageRoot(file, "saved_items");
    const damaged = Workspace.open(file, { readonly: true, verified, deferPageCheck: true });
    expect(damaged.owesPageCheck).toBe(true);
    expect(codeOf(() => damaged.checkOwedPages())).toBe("corrupt");
    damaged.close();
    expect(verified.has(file)).toBe(false);
    // without the deferral the open itself refuses it, as ever
    expect(codeOf(() => Workspace.open(file, { readonly: true, verified }))).toBe("corrupt");
  });

  it("a writable open of a file that needs migrating checks its pages first and leaves a damaged one as it was", () => {
    const file = path.join(tmpDir(), "v1.strata");
    const db = new Database(file);
    db.exec(MIGRATIONS[0] ?? "");
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma("user_version = 1");
    db.exec(
      "INSERT INTO meta (id, format_version, app_version, created_at, modified_at) VALUES (1, 1, 'x', 0, 0)",
    );
    db.close();
    damageRoot(file, "users");
    const before = sha(file);
    expect(codeOf(() => Workspace.open(file, { deferPageCheck: true }))).toBe("corrupt");
    expect(sha(file)).toBe(before);
    // a read-only open writes nothing, so it may defer: the check it owes refuses the file
    const ro = Workspace.open(file, { readonly: true, deferPageCheck: true });
    expect(codeOf(() => ro.checkOwedPages())).toBe("corrupt");
    ro.close();
  });

  it("the app refuses a damaged file it has not checked, and the workspace open before stays open and answers", async () => {
    const good = eventsFile();
    const bad = eventsFile();
    damageRoot(bad, "saved_items");
    session = new Session({ dataDir: tmpDir() });
    await session.open(good);
    expect(await buyersCount(session)).toBe(1);
    expect(await asyncCodeOf(session.open(bad))).toBe("corrupt");
    expect(session.workspace.path).toBe(path.resolve(good));
    // its query workers were ended for the other file's; its next query starts them again
    expect(await buyersCount(session)).toBe(1);
  });

  it("the app opens a sound file it has not checked with its workers already reading, and records the check", async () => {
    const dataDir = tmpDir();
    const file = eventsFile();
    session = new Session({ dataDir });
    await session.open(file);
    expect(await buyersCount(session)).toBe(1);
    const verified = new VerifiedFiles(path.join(dataDir, "verified-files.json"));
    await session.close();
    expect(verified.has(file)).toBe(true);
    // checked once: the next open owes no check, and the file damaged since is refused again
    await session.open(file);
    await session.close();
    damageRoot(file, "saved_items");
    expect(await asyncCodeOf(session.open(file))).toBe("corrupt");
  });
});
