import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from "electron";
import type { StrataBridge } from "./contract/api.ts";
import type { StrataEvent } from "./contract/events.ts";
import { DROPPED_CHANNEL, EVENT_CHANNEL, IPC_PREFIX, methodNames } from "./contract/method-names.ts";

// Exposes exactly the contract as window.strata: one function per method, plus a subscription to
// push events. The renderer never gets ipcRenderer itself.

const bridge: Record<string, unknown> = {};
for (const name of methodNames) {
  bridge[name] = (request: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${name}`, request);
}
bridge.onEvent = (listener: (event: StrataEvent) => void) => {
  const wrapped = (_e: IpcRendererEvent, event: StrataEvent) => listener(event);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
};

bridge.pathForFile = (file: File) => {
  try {
    const p = webUtils.getPathForFile(file) || null;
    // main accepts only paths it issued: tell it the user dropped this one
    if (p) ipcRenderer.sendSync(DROPPED_CHANNEL, p);
    return p;
  } catch {
    return null;
  }
};

contextBridge.exposeInMainWorld("strata", bridge as StrataBridge);
