import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src-main/engine/index.ts";
import { runExport } from "../../../src-main/export/run-export.ts";
import { tmpDir, workspaceWith } from "./helpers.ts";

// Per-user journeys: who bought, who only browsed, who never came back. The export must hold exactly
// the members the real engine computes.
describe("export through the query engine", () => {
  it("writes the members of a behavioral segment, paging through the engine", async () => {
    const dir = tmpDir();
    const ws = workspaceWith(dir, [
      { externalId: "bought_twice", attributes: { email: "a@x.io" } },
      { externalId: "only_browsed", attributes: { email: "b@x.io" } },
      { externalId: "bought_once", attributes: { email: "c@x.io" } },
      { externalId: "no_events", attributes: { email: "d@x.io" } },
      { externalId: "bought_no_email", attributes: {} },
    ]);
    ws.db.exec(`
      INSERT INTO event_names (id, name, count, first_time, last_time) VALUES
        (1, 'view', 1, 1717200000000, 1717200000000), (2, 'purchase', 4, 1717200000000, 1717400000000);
      INSERT INTO events (user_id, event_id, time) VALUES
        (1, 2, 1717200000000), (1, 2, 1717300000000), (2, 1, 1717200000000), (3, 2, 1717400000000), (5, 2, 1717300000000);
    `);
    const engine = createEngine(ws);
    try {
      const segment = { performed: { event: "purchase" } };
      const count = (await engine.run({ kind: "segmentCount", segment })) as { users: number };
      const out = path.join(dir, "buyers.csv");
      const m = await runExport({
        ws,
        engine: () => engine,
        request: { segment: { definition: segment }, preset: "mailchimp", out },
        pageSize: 2,
      });
      expect(m.members).toBe(count.users);
      expect(m).toMatchObject({ members: 3, written: 2, missingIdentifier: 1 });
      expect(fs.readFileSync(out, "utf8")).toBe("Email Address\r\na@x.io\r\nc@x.io\r\n");
    } finally {
      await engine.close();
      ws.close();
    }
  });
});
