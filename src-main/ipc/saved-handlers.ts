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
  savedCreate: (req, { session }) => createSaved(session.workspace.db, req.type, req.name, req.definition),
  savedUpdate: (req, { session }) => {
    const patch: { name?: string; definition?: unknown } = {};
    if (req.name !== undefined) patch.name = req.name;
    if (req.definition !== undefined) patch.definition = req.definition;
    return updateSaved(session.workspace.db, req.id, patch);
  },
  savedDuplicate: (req, { session }) => duplicateSaved(session.workspace.db, req.id, req.name),
  savedDelete: (req, { session }) => {
    deleteSaved(session.workspace.db, req.id);
    return null;
  },
};
