import { useWorkspace } from "./workspace.ts";

/**
 * What every engine answer depends on besides its query: which workspace, its events (an import
 * adds some), which events count as activity, and the identity merge. A view that asks the engine
 * asks again when this changes: keyed on its query's JSON alone it would go on showing the answer
 * of the data before an import, or of the workspace open before (an empty segment is the same JSON
 * in every workspace).
 */
export function useDataKey(): string {
  return useWorkspace((s) =>
    s.info
      ? `${s.info.path}|${s.info.events}|${s.info.modifiedAt}|${s.info.activity.exclude.join(",")}|${s.info.identities?.merge ?? ""}`
      : "",
  );
}
