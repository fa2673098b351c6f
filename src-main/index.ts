import path from "node:path";
import { app, type BrowserWindow, ipcMain, safeStorage } from "electron";
import type { StrataEvent } from "../src-preload/contract/events.ts";
import {
  DROPPED_CHANNEL,
  EVENT_CHANNEL,
  IPC_PREFIX,
  methodNames,
} from "../src-preload/contract/method-names.ts";
import { FileConfirmedServers } from "./clickhouse/confirmed-servers.ts";
import { EncryptedFileKeychain } from "./clickhouse/keychain.ts";
import { electronDialogs } from "./electron-dialogs.ts";
import { sweepPrivateTemps } from "./export/destination.ts";
import { dispatch } from "./ipc/dispatch.ts";
import { PathGrants } from "./ipc/path-grants.ts";
import type { HandlerContext } from "./ipc/types.ts";
import { buildMenu } from "./menu.ts";
import { Session } from "./session.ts";
import { createWindow, lockDownSession } from "./window.ts";

// App lifecycle only: everything that can run without Electron lives in modules the CLI and the
// tests use too.

if (!app.requestSingleInstanceLock()) {
  // A second instance hands its file to the first (second-instance below) and quits, so a workspace
  // is never opened for writing twice.
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  const dataDir = app.getPath("userData");
  const session = new Session({ dataDir });
  let pendingFile: string | null = process.argv.find((a) => a.endsWith(".strata")) ?? null;

  const emit = (event: StrataEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };
  // paths from the renderer must be ones main handed it (ipc/path-grants.ts)
  const grants = new PathGrants();
  // cluster passwords: encrypted by the OS keychain, never in a workspace file
  const keychain = new EncryptedFileKeychain(path.join(dataDir, "cluster-passwords.json"), safeStorage);
  // cluster servers confirmed here: a workspace file's own connection is never taken as consent
  const confirmedServers = new FileConfirmedServers(path.join(dataDir, "cluster-servers.json"));
  const ctx: HandlerContext = {
    session,
    emit,
    dialogs: electronDialogs(() => win),
    grants,
    keychain,
    confirmedServers,
  };
  if (pendingFile) grants.grant(pendingFile, "read");
  // a file dropped on the window: the preload reports its path (a page cannot forge a dropped File)
  ipcMain.on(DROPPED_CHANNEL, (e, p: unknown) => {
    if (win && e.sender === win.webContents && typeof p === "string") grants.grant(p, "read");
    e.returnValue = null;
  });

  const openFromOs = (file: string) => {
    grants.grant(file, "read");
    if (!win) {
      pendingFile = file;
      return;
    }
    if (win.isMinimized()) win.restore();
    win.focus();
    emit({ type: "menu", action: "openRecent", path: path.resolve(file) });
  };

  app.on("open-file", (e, file) => {
    e.preventDefault();
    openFromOs(file);
  });
  app.on("second-instance", (_e, argv) => {
    const file = argv.find((a) => a.endsWith(".strata"));
    if (file) openFromOs(file);
    else if (win) win.focus();
  });

  for (const name of methodNames) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, (e, request: unknown) => {
      // Only our own window's top frame may call in.
      if (!win || e.sender !== win.webContents || e.senderFrame !== win.webContents.mainFrame) {
        return { ok: false, error: { code: "internal", message: "refused: unknown sender" } };
      }
      return dispatch(name, request, ctx);
    });
  }

  app.whenReady().then(() => {
    lockDownSession();
    // plain stages of a share that was killed (export/destination.ts): removed at the next start
    sweepPrivateTemps();
    win = createWindow(dataDir);
    const refreshMenu = () => {
      if (win)
        buildMenu(win, session.recent, (action, p) =>
          emit({ type: "menu", action, ...(p ? { path: p } : {}) }),
        );
    };
    refreshMenu();
    win.webContents.on("did-finish-load", () => {
      refreshMenu();
      if (pendingFile) {
        emit({ type: "menu", action: "openRecent", path: path.resolve(pendingFile) });
        pendingFile = null;
      }
    });
    win.on("closed", () => {
      win = null;
    });
  });

  app.on("web-contents-created", (_e, contents) => {
    contents.on("will-navigate", (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });

  app.on("window-all-closed", () => {
    void session.close().finally(() => app.quit());
  });
}
