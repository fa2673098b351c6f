import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { workspaceMethods } from "../../src-preload/contract/methods/workspace.ts";
import { readAppSettings, writeAppSettings } from "../app-settings.ts";
import { APP_VERSION } from "../version.ts";
import { writeActivity } from "../workspace/activity.ts";
import { setIdentityMerge } from "../workspace/identity.ts";
import { workspaceInfo } from "../workspace/info.ts";
import type { AreaHandlers } from "./types.ts";

export const workspaceHandlers: AreaHandlers<typeof workspaceMethods> = {
  appInfo: (_req, { session }) => ({
    version: APP_VERSION,
    platform: process.platform,
    recent: session.recent.list(),
    theme: readAppSettings(session.dataDir).theme,
  }),
  workspaceCreate: async (req, { session }) => workspaceInfo(await session.create(req.path, req.timezone)),
  workspaceOpen: async (req, { session }) => {
    if (req.passphrase !== undefined) {
      const { openEncryptedCopy } = await import("../share/open-encrypted.ts");
      return session.open(await openEncryptedCopy(req.path, req.passphrase, session.dataDir), workspaceInfo);
    }
    // described before it replaces the open workspace: a file whose info fails leaves that one open
    return session.open(req.path, workspaceInfo);
  },
  workspaceOpenDemo: (_req, { session }) => session.openDemo(workspaceInfo),
  workspaceClose: async (_req, { session }) => {
    await session.close();
    return null;
  },
  workspaceInfo: (_req, { session }) => (session.isOpen ? workspaceInfo(session.workspace) : null),
  workspaceSetSettings: async (req, { session, emit }) => {
    const patch: Parameters<typeof session.workspace.setSettings>[0] = {};
    if (req.timezone !== undefined) patch.timezone = req.timezone;
    if (req.asOf !== undefined) patch.asOf = req.asOf;
    if (req.weekStart !== undefined) patch.weekStart = req.weekStart;
    session.workspace.setSettings(patch);
    if (req.notActivity !== undefined) writeActivity(session.workspace.db, req.notActivity);
    if (req.identityMerge !== undefined) setIdentityMerge(session.workspace.db, req.identityMerge);
    session.eventsChanged();
    // The saved columns' stamp names the merge setting: the engine rebuilds and saves them (in its
    // worker) before the answer, so that the catalog, read from them, counts the same persons.
    if (req.identityMerge !== undefined) await session.engine.memberIds({ all: [] });
    emit({ type: "workspaceChanged" });
    return workspaceInfo(session.workspace);
  },
  workspaceSaveAs: async (req, { session }) => {
    const ws = session.workspace;
    const target = path.resolve(req.path);
    if (fs.existsSync(target))
      throw new StrataError("exists", `${target} already exists; choose another name`);
    // copied under a temporary name and renamed, so a failed copy never leaves a half-written file
    const tmp = `${target}.saving-${process.pid}`;
    try {
      await ws.db.backup(tmp);
      if (fs.existsSync(target))
        throw new StrataError("exists", `${target} already exists; choose another name`);
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return session.open(target, workspaceInfo);
  },
  dialogOpenWorkspace: (_req, { dialogs }) => dialogs.openWorkspace(),
  dialogNewWorkspace: (req, { dialogs }) => dialogs.newWorkspace(req.defaultName ?? "Untitled.strata"),
  recentForget: (req, { session }) => session.recent.forget(req.path),
  setTheme: (req, { session }) => {
    writeAppSettings(session.dataDir, { theme: req.theme });
    return null;
  },
};
