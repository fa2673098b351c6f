import type { savedMethods } from "../../src-preload/contract/methods/saved.ts";
import {
  createSaved,
  deleteSaved,
  duplicateSaved,
  getSaved,
  listSaved,
  updateSaved,
} from "../workspace/saved.ts";
import type { AreaHandlers } from "./types.ts";

export const savedHandlers: AreaHandlers<typeof savedMethods> = {
  savedList: (req, { session }) => listSaved(session.workspace.db, req.type),
  savedGet: (req, { session }) => getSaved(session.workspace.db, req.id),
  // a report saved (or changed) right after it ran gets that result as its last result
  savedCreate: (req, { session }) => {
    const item = createSaved(session.workspace.db, req.type, req.name, req.definition);
    session.reportResults.fill(session.workspace.db);
    return getSaved(session.workspace.db, item.id);
  },
  savedUpdate: (req, { session }) => {
    updateSaved(session.workspace.db, req.id, req);
    session.reportResults.fill(session.workspace.db);
    return getSaved(session.workspace.db, req.id);
  },
  savedDuplicate: (req, { session }) => duplicateSaved(session.workspace.db, req.id, req.name),
  savedDelete: (req, { session }) => {
    deleteSaved(session.workspace.db, req.id);
    return null;
  },
};
