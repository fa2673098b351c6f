import type { SavedItem } from "../../src-preload/contract/methods/saved.ts";
import { useSegmentEditor } from "../features/segments/editor-store.ts";
import { summarize } from "../features/segments/summary.ts";
import { useNavigation, type ViewId } from "../store/navigation.ts";
import { useSaved, viewForQuery } from "../store/saved.ts";
import { useUi } from "../store/ui.ts";
import { useWorkspace } from "../store/workspace.ts";
import { Icon } from "../ui/icons.tsx";
import { SavedItemMenu } from "./SavedItemMenu.tsx";
import { VIEWS } from "./views.ts";

// Sections with icons and labels; saved segments and reports listed under their section.
export function Sidebar() {
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  const items = useSaved((s) => s.items);
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const { theme, setTheme } = useWorkspace();
  const openId = useSegmentEditor((s) => s.savedId);
  const names = (id: string) => items.find((i) => i.id === id)?.name ?? "a deleted segment";

  const savedUnder = (id: ViewId): SavedItem[] =>
    items.filter((i) =>
      id === "segments" ? i.type === "segment" : i.type === "report" && viewForQuery(i.definition) === id,
    );

  const openSaved = (item: SavedItem) => {
    if (item.type === "segment") {
      useSegmentEditor.getState().load(item.name, item.definition, item.id);
      go("segments");
    } else {
      const query = item.definition;
      useNavigation.getState().showReport({ id: item.id, name: item.name, query }, viewForQuery(query));
    }
  };

  return (
    <nav className="sidebar" aria-label="Views">
      <div className="sidebar-head">
        <button
          type="button"
          className="btn btn-icon btn-ghost"
          aria-label={collapsed ? "Expand sidebar" : "Collapse sidebar"}
          title="Toggle sidebar (Ctrl+B)"
          onClick={() => useUi.getState().toggleSidebar()}
        >
          <Icon name="sidebar" />
        </button>
        {collapsed ? null : <span className="brand">Strata</span>}
      </div>
      <ul className="nav">
        {VIEWS.map((navEntry, i) => {
          const saved = collapsed ? [] : savedUnder(navEntry.id);
          return (
            <li key={navEntry.id}>
              <button
                type="button"
                className={view === navEntry.id ? "nav-item active" : "nav-item"}
                aria-current={view === navEntry.id ? "page" : undefined}
                title={`${navEntry.label} (Ctrl+${i + 1})`}
                onClick={() => go(navEntry.id)}
              >
                <Icon name={navEntry.icon} />
                {collapsed ? (
                  <span className="sr-only">{navEntry.label}</span>
                ) : (
                  <span>{navEntry.label}</span>
                )}
              </button>
              {saved.length ? (
                <ul className="nav-saved" aria-label={`Saved ${navEntry.label.toLowerCase()}`}>
                  {saved.map((item) => (
                    <li key={item.id} className="nav-sub-row">
                      <button
                        type="button"
                        className={
                          item.type === "segment" && openId === item.id && view === "segments"
                            ? "nav-sub active"
                            : "nav-sub"
                        }
                        title={item.type === "segment" ? summarize(item.definition, names) : item.name}
                        onClick={() => openSaved(item)}
                      >
                        {item.name}
                      </button>
                      <SavedItemMenu item={item} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="sidebar-foot">
        <button
          type="button"
          className="nav-item"
          onClick={() => {
            go("data");
            useUi.getState().setDataTab("import");
          }}
        >
          <Icon name="upload" />
          {collapsed ? <span className="sr-only">Import</span> : <span>Import events</span>}
        </button>
        <button
          type="button"
          className="nav-item"
          aria-label={`Theme: ${theme}`}
          title="Theme: light, dark or follow the system"
          onClick={() => setTheme(theme === "system" ? "dark" : theme === "dark" ? "light" : "system")}
        >
          <Icon name={theme === "light" ? "sun" : "moon"} />
          {collapsed ? null : (
            <span>Theme: {theme === "system" ? "System" : theme === "dark" ? "Dark" : "Light"}</span>
          )}
        </button>
      </div>
    </nav>
  );
}
