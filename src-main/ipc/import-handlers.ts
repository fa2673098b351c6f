import { StrataError } from "../../src-preload/contract/errors.ts";
import type { importMethods } from "../../src-preload/contract/methods/import.ts";
import type { AreaHandlers } from "./types.ts";

const notYet = (): never => {
  throw new StrataError("internal", "not built yet");
};

export const importHandlers: AreaHandlers<typeof importMethods> = {
  dialogChooseImportFiles: notYet,
  importPreview: notYet,
  importStart: notYet,
  importCancel: notYet,
  importLog: notYet,
};
