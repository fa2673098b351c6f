import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// `strata demo --out FILE` replaced whatever FILE was, an analyst's workspace included, with exit 0.
// A demo (no imports, no saved items) is rebuilt, so the quick start runs twice; anything else needs
// --force.

async function demo(out: string, ...more: string[]) {
  const a = io();
  const code = await main(["demo", "--out", out, "--users", "10", ...more], a.io);
  return { code, err: a.err.join("") };
}

describe("strata demo over an existing file", () => {
  it("rebuilds a demo, refuses a workspace with imports or saved items or a file that is none, unless --force", async () => {
    const dir = tmpDir("strata-demo-out-");
    const out = path.join(dir, "w.strata");
    expect((await demo(out)).code).toBe(0);
    expect((await demo(out)).code).toBe(0);

    const csv = path.join(dir, "e.csv");
    fs.writeFileSync(csv, "user_id,event,time\nu1,open,2024-01-01T00:00:00Z\n");
    expect(await main(["import", csv, "--workspace", out], io().io)).toBe(0);
    const refused = await demo(out);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/already exists and holds imports or saved items.*--force/);
    const db = new Database(out, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM imports").get()).toEqual({ n: 1 });
    db.close();
    expect((await demo(out, "--force")).code).toBe(0);

    const notes = path.join(dir, "notes.strata");
    fs.writeFileSync(notes, "my notes\n");
    expect((await demo(notes)).code).toBe(2);
    expect(fs.readFileSync(notes, "utf8")).toBe("my notes\n");
  });
});
