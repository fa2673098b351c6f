import { app, type BrowserWindow, Menu, type MenuItemConstructorOptions } from "electron";
import type { MenuAction } from "../src-preload/contract/events.ts";
import type { RecentFiles } from "./recent.ts";

// The application menu. Items only tell the renderer what the analyst chose; the renderer runs the
// same flow as its own buttons (dialogs, confirmations), so there is one code path per action.

export function buildMenu(
  win: BrowserWindow,
  recent: RecentFiles,
  send: (action: MenuAction, path?: string) => void,
): void {
  const isMac = process.platform === "darwin";
  const recentItems: MenuItemConstructorOptions[] = recent
    .list()
    .filter((r) => r.exists)
    .map((r) => ({ label: r.name, sublabel: r.path, click: () => send("openRecent", r.path) }));
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: "appMenu" as const }] : []),
    {
      label: "File",
      submenu: [
        { label: "New Workspace…", accelerator: "CmdOrCtrl+N", click: () => send("new") },
        { label: "Open…", accelerator: "CmdOrCtrl+O", click: () => send("open") },
        {
          label: "Open Recent",
          submenu: recentItems.length > 0 ? recentItems : [{ label: "No recent workspaces", enabled: false }],
        },
        { label: "Open Demo", click: () => send("openDemo") },
        { type: "separator" },
        { label: "Save As…", accelerator: "CmdOrCtrl+Shift+S", click: () => send("saveAs") },
        { label: "Share a Copy…", click: () => send("share") },
        { type: "separator" },
        { label: "Close Workspace", accelerator: "CmdOrCtrl+W", click: () => send("close") },
        ...(isMac
          ? []
          : [
              { type: "separator" as const },
              { label: "Quit", accelerator: "Ctrl+Q", click: () => app.quit() },
            ]),
      ],
    },
    { role: "editMenu" },
    {
      label: "View",
      submenu: [
        { label: "Command Palette", accelerator: "CmdOrCtrl+K", click: () => send("commandPalette") },
        { type: "separator" },
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { type: "separator" },
        { role: "togglefullscreen" },
        ...(app.isPackaged ? [] : [{ role: "toggleDevTools" as const }]),
      ],
    },
    { role: "windowMenu" },
  ];
  const menu = Menu.buildFromTemplate(template);
  Menu.setApplicationMenu(menu);
  void win;
}
