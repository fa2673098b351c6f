import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// A writer killed inside a rollback-journal transaction leaves the journal beside the file and half
// of its pages in it. The next open must undo it and show the data as it was, not refuse the file
// ("attempt to write a readonly database" from the first, read-only look), which the kill fuzz test
// met when an import was killed as it switched the file to WAL.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

/** Runs a writer that changes every event in one transaction, spilling pages to the file, and kills it. */
async function killMidTransaction(file: string): Promise<void> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma("journal_mode = DELETE");
    db.pragma("cache_size = 1");
    db.exec("BEGIN");
    db.exec("UPDATE events SET time = time + 1, properties = '{\\"x\\":' || seq || '}'");
    process.stdout.write("mid\\n");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => resolve());
    child.on("exit", (code) => reject(new Error(`the writer ended on its own (${code})`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("close", resolve));
}

describe("a workspace a writer was killed inside a transaction on", () => {
  it("opens with the data as it was before that transaction", async () => {
    const events: [string, string, Record<string, number>][] = [];
    for (let i = 0; i < 3000; i++)
      events.push(["view", `2024-06-01T10:${String(i % 60).padStart(2, "0")}Z`, { i }]);
    j = journeys({ a: events });
    const file = j.file;
    j.ws.close();
    const before = new Database(file, { readonly: true });
    const times = before.prepare("SELECT sum(time) FROM events").pluck().get();
    before.close();
    await killMidTransaction(file);
    expect(fs.existsSync(`${file}-journal`), "the killed writer left its journal").toBe(true);
    expect(() => new Database(file, { readonly: true }).prepare("SELECT 1 FROM events").get()).toThrow(
      /readonly/,
    );
    const ws = Workspace.open(file);
    try {
      expect(ws.db.prepare("SELECT sum(time) FROM events").pluck().get()).toBe(times);
      expect(ws.db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      ws.close();
    }
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith("-journal"))).toEqual([]);
  });
});
