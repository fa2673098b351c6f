import { z } from "zod";
import { Timezone, WeekStart } from "../common.ts";
import { method } from "../method.ts";
import { AsOfSetting } from "../settings.ts";
import type { RecentFile, WorkspaceInfo } from "../workspace-info.ts";

const path = z.string().min(1, "a file path is required");

export const workspaceMethods = {
  appInfo: method<{
    version: string;
    platform: string;
    recent: RecentFile[];
    theme: "light" | "dark" | "system";
  }>()(z.strictObject({})),
  workspaceCreate: method<WorkspaceInfo>()(z.strictObject({ path, timezone: Timezone.optional() })),
  workspaceOpen: method<WorkspaceInfo>()(z.strictObject({ path, passphrase: z.string().optional() })),
  /** builds (once, then reuses) the seeded demo workspace and opens it */
  workspaceOpenDemo: method<WorkspaceInfo>()(z.strictObject({})),
  workspaceClose: method<null>()(z.strictObject({})),
  /** null when no workspace is open */
  workspaceInfo: method<WorkspaceInfo | null>()(z.strictObject({})),
  workspaceSetSettings: method<WorkspaceInfo>()(
    z.strictObject({
      timezone: Timezone.optional(),
      asOf: AsOfSetting.optional(),
      weekStart: WeekStart.optional(),
      /** events that do not count as activity; null: back to the default (message deliveries) */
      notActivity: z.array(z.string().min(1)).max(10_000).nullable().optional(),
      /** identity merge: anonymous ids joined to the user they signed up as (on by default) */
      identityMerge: z.boolean().optional(),
    }),
  ),
  /** copies the open workspace to a new path and opens the copy */
  workspaceSaveAs: method<WorkspaceInfo>()(z.strictObject({ path })),
  /** native file dialogs; null when the analyst cancels */
  dialogOpenWorkspace: method<string | null>()(z.strictObject({})),
  dialogNewWorkspace: method<string | null>()(z.strictObject({ defaultName: z.string().optional() })),
  recentForget: method<RecentFile[]>()(z.strictObject({ path })),
  setTheme: method<null>()(z.strictObject({ theme: z.enum(["light", "dark", "system"]) })),
};
