// Loaded with `node -r` before a built bundle: answers require("electron") with a recording stub, so
// the bundles' wiring can be checked where Electron itself cannot run. Prints what was registered.
const Module = require("node:module");
const os = require("node:os");
const calls = { handled: [], listened: [], exposed: null };
const noop = () => {};
const stub = {
  app: {
    requestSingleInstanceLock: () => true,
    on: noop,
    whenReady: () => new Promise(noop),
    getPath: () => os.tmpdir(),
    quit: noop,
    isPackaged: false,
  },
  ipcMain: {
    handle: (channel) => calls.handled.push(channel),
    on: (channel) => calls.listened.push(channel),
  },
  ipcRenderer: { invoke: noop, on: noop, removeListener: noop },
  contextBridge: {
    exposeInMainWorld: (key, api) => {
      calls.exposed = {
        key,
        names: Object.keys(api).sort(),
        types: [...new Set(Object.values(api).map((v) => typeof v))],
      };
    },
  },
  webUtils: { getPathForFile: () => "" },
  BrowserWindow: function BrowserWindow() {},
  Menu: { buildFromTemplate: () => ({}), setApplicationMenu: noop },
  dialog: {},
  shell: {},
  session: { defaultSession: {} },
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "electron") return "electron-stub";
  return resolve.call(this, request, ...rest);
};
require.cache["electron-stub"] = {
  id: "electron-stub",
  filename: "electron-stub",
  loaded: true,
  exports: stub,
};
process.on("exit", () => process.stdout.write(`${JSON.stringify(calls)}\n`));
