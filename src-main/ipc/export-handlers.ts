import { StrataError } from "../../src-preload/contract/errors.ts";
import type { exportMethods } from "../../src-preload/contract/methods/export.ts";
import type { AreaHandlers } from "./types.ts";

const notYet = (): never => {
  throw new StrataError("internal", "not built yet");
};

export const exportHandlers: AreaHandlers<typeof exportMethods> = {
  exportPreview: notYet,
  exportStart: notYet,
  exportCancel: notYet,
  exportList: notYet,
  dialogSaveFile: notYet,
  shareCopy: notYet,
};
