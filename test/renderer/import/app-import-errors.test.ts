import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importHandlers } from "../../../src-main/ipc/import-handlers.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { appError } from "../../../src-renderer/features/import/app-words.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// The app's import path: a bad option is refused by the main process before anything is read or
// written, and the message the app shows names the mapping's field, not a flag or an option key.

function context(): HandlerContext {
  return {
    session: new Session({ dataDir: tmpDir() }),
    dialogs: {
      openWorkspace: async () => null,
      newWorkspace: async () => null,
      chooseImportFiles: async () => [],
      saveFile: async () => null,
    },
    emit: () => undefined,
  };
}

async function shown(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    const a = appError(e);
    return a && typeof a === "object" && "message" in a ? String(a.message) : String(a);
  }
  throw new Error("expected the import to be refused");
}

describe("import errors in the app", () => {
  it("a time zone the analyst typed that does not exist names the field", async () => {
    const dir = tmpDir();
    const csv = path.join(dir, "a.csv");
    fs.writeFileSync(csv, "user,event,time\nu1,a,2024-06-01\n");
    const ctx = context();
    const msg = await shown(() =>
      importHandlers.importPreview({ path: csv, options: { timezone: "Nowhere/X" } }, ctx),
    );
    expect(msg).toBe(
      '“Times without a zone are in”: "Nowhere/X" is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)',
    );
  });
});
