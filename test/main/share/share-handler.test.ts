import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// The app's Share dialog showed only the file and its size: the shareCopy handler dropped what the
// copy lost, which `strata share` prints and sharing.md promises ("Secret A: 1 users -> 0").

describe("shareCopy answers what the copy lost", () => {
  it("returns the removed names, the replaced ids and the saved items that answer differently", async () => {
    const dir = tmpDir("strata-share-handler-");
    const j = journeys({
      u1: {
        events: [["visit", "2024-06-01T10:00Z"]],
        attributes: { secret_attr: "TOPSECRETA", city: "Paris" },
      },
      u2: {
        events: [["visit", "2024-06-02T10:00Z"]],
        attributes: { secret_attr: "TOPSECRETB", city: "Rome" },
      },
    });
    const segment = createSaved(j.ws.db, "segment", "Secret A", {
      attribute: { property: "secret_attr", scope: "user", op: "eq", value: "TOPSECRETA" },
    });
    j.ws.close();
    const file = path.join(dir, "w.strata");
    fs.copyFileSync(j.file, file);
    j.close();
    const ctx: HandlerContext = {
      session: new Session({ dataDir: path.join(dir, "data") }),
      emit: () => {},
      dialogs: {
        openWorkspace: async () => null,
        newWorkspace: async () => null,
        chooseImportFiles: async () => [],
        saveFile: async () => null,
      },
    };
    await ctx.session.open(file);
    try {
      const out = path.join(dir, "shared.strata");
      const shared = await dispatch(
        "shareCopy",
        { out, dropAttributes: ["secret_attr"], pseudonymizeKey: "analyst-key-1" },
        ctx,
      );
      expect(shared).toMatchObject({
        ok: true,
        value: {
          path: out,
          dropped: ["secret_attr"],
          redacted: { values: 0, eventNames: 0, userIds: 2 },
          affected: [
            { id: segment.id, type: "segment", name: "Secret A", uses: ["secret_attr"], before: 1, after: 0 },
          ],
          resultsDropped: [],
        },
      });
    } finally {
      await ctx.session.close();
    }
  });
});
