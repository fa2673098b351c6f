import { useEffect } from "react";
import { pathForFile } from "../api/client.ts";
import { useImport } from "../features/import/import-store.ts";
import { useCatalog } from "../store/catalog.ts";
import { useNavigation } from "../store/navigation.ts";
import { useSaved } from "../store/saved.ts";
import { useUi } from "../store/ui.ts";
import { useWorkspace } from "../store/workspace.ts";
import { toast } from "../ui/toast.tsx";
import { CommandPalette } from "./CommandPalette.tsx";
import { ROUTES } from "./routes.tsx";
import { Sidebar } from "./Sidebar.tsx";
import { TopBar } from "./TopBar.tsx";
import { ViewBoundary } from "./ViewBoundary.tsx";
import { VIEWS } from "./views.ts";

// The frame around every view: sidebar, top bar with the global controls, the main canvas.
export function Workbench() {
  const path = useWorkspace((s) => s.info?.path);
  const modified = useWorkspace((s) => s.info?.modifiedAt);
  const view = useNavigation((s) => s.view);
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const wsError = useWorkspace((s) => s.error);

  // with a workspace open, workspace-level failures (save a copy, open another) surface as toasts
  useEffect(() => {
    if (!wsError) return;
    toast.error(wsError);
    useWorkspace.getState().clearError();
  }, [wsError]);

  // the catalog and saved items belong to one workspace: reload when it (or its data) changes
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload keyed on the workspace's path and modification time
  useEffect(() => {
    useCatalog.getState().load();
    useSaved
      .getState()
      .refresh()
      .catch(() => undefined);
  }, [path, modified]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      if (!mod) return;
      if (e.key.toLowerCase() === "k") {
        e.preventDefault();
        useUi.getState().setPalette(!useUi.getState().paletteOpen);
      } else if (e.key.toLowerCase() === "b" && !e.shiftKey) {
        e.preventDefault();
        useUi.getState().toggleSidebar();
      } else if (/^[1-9]$/.test(e.key) && !e.shiftKey && !e.altKey) {
        const v = VIEWS[Number(e.key) - 1];
        if (v) {
          e.preventDefault();
          useNavigation.getState().go(v.id);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const View = ROUTES[view];
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: files dropped anywhere start an import; the Import view is the keyboard path
    <div
      className={collapsed ? "frame frame-collapsed" : "frame"}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        const paths = [...e.dataTransfer.files].map(pathForFile).filter((p): p is string => !!p);
        if (paths.length === 0) return;
        useNavigation.getState().go("data");
        useUi.getState().setDataTab("import");
        useImport.getState().choose(paths);
      }}
    >
      <Sidebar />
      <TopBar />
      <main className="canvas" id="main" aria-label={VIEWS.find((v) => v.id === view)?.label}>
        {/* keyed on the workspace too: a view's draft, open report and last answer are that
            workspace's (a report of A saved into B, A's numbers under B's name) */}
        <ViewBoundary
          key={`${view}\u0000${path ?? ""}`}
          name={VIEWS.find((v) => v.id === view)?.label ?? view}
        >
          <View />
        </ViewBoundary>
      </main>
      {paletteOpen ? <CommandPalette onClose={() => useUi.getState().setPalette(false)} /> : null}
    </div>
  );
}
