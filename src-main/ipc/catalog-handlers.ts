import { StrataError } from "../../src-preload/contract/errors.ts";
import type { catalogMethods } from "../../src-preload/contract/methods/catalog.ts";
import type { AreaHandlers } from "./types.ts";

const notYet = (): never => {
  throw new StrataError("internal", "not built yet");
};

export const catalogHandlers: AreaHandlers<typeof catalogMethods> = {
  catalogEvents: notYet,
  catalogProperties: notYet,
  catalogValues: notYet,
  userTimeline: notYet,
};
