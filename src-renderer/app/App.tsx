import { useEffect } from "react";
import { onEvent } from "../api/client.ts";
import { OpenEncryptedDialog } from "../features/exports/OpenEncryptedDialog.tsx";
import { ShareDialog } from "../features/exports/ShareDialog.tsx";
import { StartScreen } from "../features/start/StartScreen.tsx";
import { useUi } from "../store/ui.ts";
import { useWorkspace } from "../store/workspace.ts";
import { Toasts } from "../ui/toast.tsx";
import { useApplyTheme } from "./theme.ts";
import { Workbench } from "./Workbench.tsx";

// The root: the start screen until a workspace is open, then the workbench. Menu commands from the
// main process arrive as push events and are handled here, once.
export function App() {
  const { info, loaded, theme, load } = useWorkspace();
  const shareOpen = useUi((s) => s.shareOpen);
  const needsPassphrase = useWorkspace((s) => s.needsPassphrase);
  useApplyTheme(theme);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    try {
      return onEvent((e) => {
        const ws = useWorkspace.getState();
        if (e.type === "workspaceChanged") ws.refresh();
        if (e.type !== "menu") return;
        const ui = useUi.getState();
        if (e.action === "open") ws.chooseAndOpen();
        else if (e.action === "new") ws.chooseAndCreate();
        else if (e.action === "openDemo") ws.openDemo();
        else if (e.action === "openRecent" && e.path) ws.open(e.path);
        else if (e.action === "close") ws.close();
        else if (e.action === "saveAs") ws.saveAs();
        else if (e.action === "share") ui.setShare(true);
        else if (e.action === "commandPalette") ui.setPalette(true);
      });
    } catch {
      return undefined;
    }
  }, []);

  return (
    <>
      {!loaded ? <div className="app-loading" /> : info ? <Workbench /> : <StartScreen />}
      {shareOpen ? <ShareDialog onClose={() => useUi.getState().setShare(false)} /> : null}
      {needsPassphrase ? (
        <OpenEncryptedDialog
          path={needsPassphrase}
          onClose={() => useWorkspace.getState().setNeedsPassphrase(null)}
        />
      ) : null}
      <Toasts />
    </>
  );
}
