import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src-main/engine/index.ts";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { Query } from "../../../src-preload/contract/queries.ts";

// A shared copy opened elsewhere answers the saved reports with the same numbers: here a copy that
// is pseudonymized, stripped of personal attributes and encrypted, opened through workspaceOpen with
// its passphrase, re-runs a funnel and a segment count.

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 5, 3);

function seed(file: string): void {
  const ws = Workspace.create(file);
  const users = ["signed_bought", "signed_only", "viewed_bought", "signed_viewed", "pro_buyer"];
  const journeys: [number, number, number][] = [
    // user index, event id (1 signup, 2 view, 3 purchase), day
    [1, 1, 0],
    [1, 2, 1],
    [1, 3, 2],
    [2, 1, 0],
    [3, 2, 3],
    [3, 3, 3],
    [4, 1, 1],
    [4, 2, 5],
    [5, 1, 2],
    [5, 2, 2],
    [5, 3, 4],
  ];
  ws.db.transaction(() => {
    const addUser = ws.db.prepare("INSERT INTO users (id, external_id, attributes) VALUES (?, ?, ?)");
    users.forEach((u, i) => {
      addUser.run(i + 1, u, JSON.stringify({ email: `${u}@x.io`, plan: i === 4 ? "pro" : "free" }));
    });
    ws.db.exec(`INSERT INTO user_properties (name, type, count) VALUES ('email','string',5), ('plan','string',5);
      INSERT INTO event_names (id, name) VALUES (1, 'signup'), (2, 'view'), (3, 'purchase');`);
    const ins = ws.db.prepare("INSERT INTO events (user_id, event_id, time) VALUES (?, ?, ?)");
    for (const [u, e, d] of journeys) ins.run(u, e, T0 + d * DAY + u * 1000);
    ws.db.exec(`UPDATE event_names SET (count, first_time, last_time) =
      (SELECT count(*), min(time), max(time) FROM events WHERE event_id = event_names.id);`);
  })();
  createSaved(ws.db, "report", "Signup to purchase", {
    kind: "funnel",
    steps: [{ event: "signup" }, { event: "view" }, { event: "purchase" }],
    range: { from: "2024-06-01", to: "2024-06-30" },
  });
  createSaved(ws.db, "report", "Pro buyers", {
    kind: "segmentCount",
    segment: {
      all: [
        { performed: { event: "purchase" } },
        { attribute: { property: "plan", op: "eq", value: "pro", scope: "user" } },
      ],
    },
  });
  ws.close();
}

async function answers(ws: Workspace): Promise<unknown[]> {
  const engine = createEngine(ws);
  const rows = ws.db
    .prepare("SELECT definition FROM saved_items WHERE type = 'report' ORDER BY name")
    .all() as {
    definition: string;
  }[];
  const out: unknown[] = [];
  for (const r of rows) out.push(await engine.run(JSON.parse(r.definition) as Query));
  await engine.close();
  return out;
}

describe("a shared copy reproduces the saved reports", () => {
  it("gives the same numbers after pseudonymizing, dropping personal attributes and encrypting", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-same-"));
    const file = path.join(dir, "orig.strata");
    seed(file);
    const ws = Workspace.open(file);
    const before = await answers(ws);
    const events: unknown[] = [];
    const ctx: HandlerContext = {
      session: new Session({ dataDir: path.join(dir, "data") }),
      emit: (e) => events.push(e),
      dialogs: {
        openWorkspace: async () => null,
        newWorkspace: async () => null,
        chooseImportFiles: async () => [],
        saveFile: async () => null,
      },
    };
    ws.close();
    await ctx.session.open(file);
    const out = path.join(dir, "shared.strata");
    const shared = await dispatch(
      "shareCopy",
      { out, pseudonymizeKey: "analyst-key-1", dropPersonal: true, passphrase: "open sesame 42" },
      ctx,
    );
    expect(shared.ok).toBe(true);
    const wrong = await dispatch("workspaceOpen", { path: out, passphrase: "open sesame 43" }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: "passphrase" } });
    // the analyst's workspace stays open after a refused passphrase
    expect(ctx.session.workspace.path).toBe(file);
    const opened = await dispatch("workspaceOpen", { path: out, passphrase: "open sesame 42" }, ctx);
    expect(opened.ok).toBe(true);
    const copy = ctx.session.workspace;
    expect(copy.path).not.toBe(file);
    const after = await answers(copy);
    expect(after).toEqual(before);
    // saved reports in name order: "Pro buyers", then "Signup to purchase"
    expect(before[0]).toEqual({ users: 1, ofTotal: 5 });
    expect((before[1] as { steps: { count: number }[] }).steps.map((s) => s.count)).toEqual([4, 3, 2]);
    await ctx.session.close();
  });
});
