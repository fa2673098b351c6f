import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from "electron";
import type { BridgeMethods, StrataBridge } from "./contract/api.ts";
import type { StrataEvent } from "./contract/events.ts";
import { DROPPED_CHANNEL, EVENT_CHANNEL, IPC_PREFIX, methodNames } from "./contract/method-names.ts";

// Exposes exactly the contract as window.strata: one function per method, plus a subscription to
// push events. The renderer never gets ipcRenderer itself. Each method sends its request to main,
// which validates it against the contract and answers an Envelope (ipcRenderer.invoke is untyped:
// the types of a method's two ends meet in the contract, not here).

const invokers: Record<string, (request: unknown) => Promise<unknown>> = {};
for (const name of methodNames)
  invokers[name] = (request) => ipcRenderer.invoke(`${IPC_PREFIX}${name}`, request);

/** Every contract method has its function (`methodNames` is checked at compile time to list them all). */
function isBridgeMethods(m: Record<string, unknown>): m is BridgeMethods {
  return methodNames.every((name) => typeof m[name] === "function");
}
if (!isBridgeMethods(invokers)) throw new Error("preload: a contract method has no bridge function");

const bridge: StrataBridge = {
  ...invokers,
  onEvent(listener) {
    const wrapped = (_e: IpcRendererEvent, event: StrataEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
  pathForFile(file) {
    try {
      const p = webUtils.getPathForFile(file) || null;
      // main accepts only paths it issued: tell it the user dropped this one
      if (p) ipcRenderer.sendSync(DROPPED_CHANNEL, p);
      return p;
    } catch {
      return null;
    }
  },
};

contextBridge.exposeInMainWorld("strata", bridge);
