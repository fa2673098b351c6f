import type { Envelope } from "./errors.ts";
import type { StrataEvent } from "./events.ts";
import type { RequestOf, ResponseOf } from "./method.ts";
import { catalogMethods } from "./methods/catalog.ts";
import { clusterMethods } from "./methods/cluster.ts";
import { dashboardMethods } from "./methods/dashboard.ts";
import { exportMethods } from "./methods/export.ts";
import { importMethods } from "./methods/import.ts";
import { queryMethods } from "./methods/query.ts";
import { savedMethods } from "./methods/saved.ts";
import { workspaceMethods } from "./methods/workspace.ts";

export const api = {
  ...workspaceMethods,
  ...savedMethods,
  ...queryMethods,
  ...catalogMethods,
  ...importMethods,
  ...exportMethods,
  ...dashboardMethods,
  ...clusterMethods,
};

export type Api = typeof api;
export type MethodName = keyof Api;

/** Every method as the renderer calls it: a request in, an Envelope of its answer out. */
export type BridgeMethods = {
  [K in MethodName]: (request: RequestOf<Api[K]>) => Promise<Envelope<ResponseOf<Api[K]>>>;
};

/** What `window.strata` is: every method, plus the push-event subscription. */
export type StrataBridge = BridgeMethods & {
  onEvent(listener: (event: StrataEvent) => void): () => void;
  /** the file-system path of a file dropped on the window; null where the host has none (tests) */
  pathForFile(file: File): string | null;
};
