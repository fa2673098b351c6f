import path from "node:path";
import { describe, expect, it } from "vitest";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { getSaved, listSaved } from "../../../src-main/workspace/saved.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// savedUpdate's definition is typed on the wire by the item type it claims, and main refuses a claim
// that is not the stored item's type: a saved segment can never come back holding a query.

const noDialogs = {
  openWorkspace: async () => null,
  newWorkspace: async () => null,
  chooseImportFiles: async () => [],
  saveFile: async () => null,
};

async function withSegment(): Promise<{ ctx: HandlerContext; id: string }> {
  const ctx: HandlerContext = {
    session: new Session({ dataDir: tmpDir() }),
    emit: () => {},
    dialogs: noDialogs,
  };
  await dispatch("workspaceCreate", { path: path.join(ctx.session.dataDir, "w.strata") }, ctx);
  const made = await dispatch(
    "savedCreate",
    { type: "segment", name: "Buyers", definition: { performed: { event: "buy" } } },
    ctx,
  );
  if (!made.ok) throw new Error(made.error.message);
  const [item] = listSaved(ctx.session.workspace.db);
  if (!item) throw new Error("the segment was not saved");
  return { ctx, id: item.id };
}

describe("savedUpdate on the wire", () => {
  it("renames without a type, and replaces a definition of the item's own type", async () => {
    const { ctx, id } = await withSegment();
    const renamed = await dispatch("savedUpdate", { id, name: "Payers" }, ctx);
    expect(renamed.ok).toBe(true);
    const changed = await dispatch(
      "savedUpdate",
      { id, type: "segment", definition: { performed: { event: "refund" } } },
      ctx,
    );
    expect(changed.ok).toBe(true);
    const item = getSaved(ctx.session.workspace.db, id);
    expect(item.name).toBe("Payers");
    expect(item.definition).toEqual({ performed: { event: "refund" } });
    await ctx.session.close();
  });

  it("refuses a report's definition for a saved segment, and changes nothing", async () => {
    const { ctx, id } = await withSegment();
    const query = { kind: "segmentCount", segment: { all: [] } };
    const r = await dispatch("savedUpdate", { id, type: "report", definition: query }, ctx);
    expect(r).toEqual({
      ok: false,
      error: {
        code: "invalid_request",
        message: `type: "Buyers" is a saved segment, it cannot take a report's definition`,
      },
    });
    expect(getSaved(ctx.session.workspace.db, id).definition).toEqual({ performed: { event: "buy" } });
    await ctx.session.close();
  });

  it("refuses a definition without its type, and one that does not fit the type it claims", async () => {
    const { ctx, id } = await withSegment();
    const untyped = await dispatch("savedUpdate", { id, definition: { all: [] } }, ctx);
    expect(!untyped.ok && untyped.error.code).toBe("invalid_request");
    const wrong = await dispatch(
      "savedUpdate",
      { id, type: "segment", definition: { performed: { event: 42 } } },
      ctx,
    );
    expect(!wrong.ok && wrong.error.message).toMatch(/^definition\.performed\.event/);
    expect(getSaved(ctx.session.workspace.db, id).definition).toEqual({ performed: { event: "buy" } });
    await ctx.session.close();
  });
});
