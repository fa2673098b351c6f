import path from "node:path";
import { app, BrowserWindow, session as electronSession } from "electron";
import { loadWindowState, saveWindowState } from "./window-state.ts";

// The one window, locked down: the renderer sees only the contract (preload), cannot navigate away,
// open windows, or be granted any permission. The CSP is in src-renderer/index.html and repeated as
// a response header for the app's own files.

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function lockDownSession(): void {
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [CSP] } });
  });
}

export function createWindow(dataDir: string): BrowserWindow {
  const state = loadWindowState(dataDir);
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: "Strata",
    backgroundColor: "#0f1115",
    webPreferences: {
      preload: path.join(__dirname, "../preload/index.js"),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once("ready-to-show", () => win.show());

  // No navigation away from the app and no new windows. Nor a hand-off to the system browser: the
  // workbench shows no outside link, and a renderer that opened one could carry workspace data out
  // in its address, past the CSP and the promise that nothing leaves the laptop.
  win.webContents.on("will-navigate", (e) => e.preventDefault());
  win.webContents.on("will-redirect", (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: "deny" }));
  win.webContents.on("will-attach-webview", (e) => e.preventDefault());

  const remember = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    saveWindowState(dataDir, {
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
      maximized: win.isMaximized(),
    });
  };
  win.on("close", remember);

  // the dev server URL is honoured only in development: a packaged app loads its own files, whatever the environment says
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL)
    void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(__dirname, "../renderer/index.html"));
  return win;
}
