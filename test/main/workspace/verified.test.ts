import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileIdentity, VerifiedFiles } from "../../../src-main/workspace/verified.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { codeOf } from "../../helpers/error-code.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// The app skips the page check of a file it checked before and that has not changed since. These
// tests damage pages the page check finds and nothing else reads at open (the saved items' root
// page), so a skipped check shows as a damaged file that opens.

function workspaceWithSavedItem(dir: string, name = "w.strata"): { file: string; damage: () => void } {
  const file = path.join(dir, name);
  const ws = Workspace.create(file);
  ws.db.exec("INSERT INTO saved_items VALUES ('seg_1', 'segment', 'A', '{\"all\":[]}', 0, 0, NULL)");
  const root = (
    ws.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'saved_items'").get() as {
      rootpage: number;
    }
  ).rootpage;
  const pageSize = ws.db.pragma("page_size", { simple: true }) as number;
  ws.close();
  const damage = () => {
    const fd = fs.openSync(file, "r+");
    fs.writeSync(fd, Buffer.from([0xff]), 0, 1, (root - 1) * pageSize); // an impossible page type
    fs.closeSync(fd);
  };
  return { file, damage };
}

describe("files whose pages were checked", () => {
  it("a file recorded as checked and unchanged skips the page check; without the record it is checked", () => {
    const dir = tmpDir();
    const { file, damage } = workspaceWithSavedItem(dir);
    damage();
    const verified = new VerifiedFiles(path.join(dir, "verified.json"));
    // a record made for the file as it is now (as if it had passed): the check is skipped
    verified.remember(file);
    Workspace.open(file, { readonly: true, verified }).close();
    // no record, or a record of another folder: checked, and refused
    expect(codeOf(() => Workspace.open(file, { readonly: true }))).toBe("corrupt");
    const other = new VerifiedFiles(path.join(dir, "other.json"));
    expect(codeOf(() => Workspace.open(file, { readonly: true, verified: other }))).toBe("corrupt");
  });

  it("a checked file damaged afterwards is checked again, even with its modification time put back", () => {
    const dir = tmpDir();
    const { file, damage } = workspaceWithSavedItem(dir);
    // a whole second, so that putting it back restores it to the nanosecond
    const when = Math.floor(Date.now() / 1000) - 60;
    fs.utimesSync(file, when, when);
    const verified = new VerifiedFiles(path.join(dir, "verified.json"));
    Workspace.open(file, { readonly: true, verified }).close();
    expect(verified.has(file)).toBe(true);
    const before = fs.statSync(file, { bigint: true });
    damage();
    fs.utimesSync(file, when, when);
    const after = fs.statSync(file, { bigint: true });
    expect([after.mtimeNs, after.size, after.ino]).toEqual([before.mtimeNs, before.size, before.ino]);
    expect(verified.has(file)).toBe(false);
    expect(codeOf(() => Workspace.open(file, { readonly: true, verified }))).toBe("corrupt");
  });

  it("a file replaced by another (a damaged twin moved over it) or copied elsewhere is checked again", () => {
    const dir = tmpDir();
    const { file } = workspaceWithSavedItem(dir);
    const verified = new VerifiedFiles(path.join(dir, "verified.json"));
    Workspace.open(file, { readonly: true, verified }).close();
    const copy = path.join(dir, "copy.strata");
    fs.copyFileSync(file, copy);
    expect(verified.has(copy)).toBe(false);
    const { file: twin, damage: damageTwin } = workspaceWithSavedItem(dir, "twin.strata");
    damageTwin();
    fs.renameSync(twin, file);
    expect(verified.has(file)).toBe(false);
    expect(codeOf(() => Workspace.open(file, { readonly: true, verified }))).toBe("corrupt");
  });

  it("a file the app opened for writing, changed and closed stays checked; a WAL left beside it does not", () => {
    const dir = tmpDir();
    const { file } = workspaceWithSavedItem(dir);
    const verified = new VerifiedFiles(path.join(dir, "verified.json"));
    const ws = Workspace.open(file, { verified });
    ws.setSettings({ weekStart: "sunday" });
    ws.close();
    expect(verified.has(file)).toBe(true);
    // a reader's open leaves a non-empty WAL when a writer is still open: not vouched for
    const writer = Workspace.open(file, { verified });
    writer.setSettings({ weekStart: "monday" });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(fileIdentity(file)).toBeNull();
    expect(verified.has(file)).toBe(false);
    writer.close();
    expect(verified.has(file)).toBe(true);
  });

  it("a missing or damaged record means every file is checked, never a crash", () => {
    const dir = tmpDir();
    const { file, damage } = workspaceWithSavedItem(dir);
    damage();
    const record = path.join(dir, "verified.json");
    for (const text of ["not json", "{}", '[{"path": 1}]', JSON.stringify([{ path: file, identity: "x" }])]) {
      fs.writeFileSync(record, text);
      expect(
        codeOf(() => Workspace.open(file, { readonly: true, verified: new VerifiedFiles(record) })),
      ).toBe("corrupt");
    }
  });
});
