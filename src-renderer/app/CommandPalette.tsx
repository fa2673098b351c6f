import { useMemo, useState } from "react";
import { EMPTY, useSegmentEditor } from "../features/segments/editor-store.ts";
import { useNavigation } from "../store/navigation.ts";
import { useSaved, viewForQuery } from "../store/saved.ts";
import { useUi } from "../store/ui.ts";
import { useWorkspace } from "../store/workspace.ts";
import { filterOptions } from "../ui/Picker.tsx";
import { VIEWS } from "./views.ts";

// Ctrl/Cmd+K: every view, saved item and action, reachable by typing.
interface Command {
  value: string;
  label: string;
  hint: string;
  run: () => void;
}

function useCommands(): Command[] {
  const items = useSaved((s) => s.items);
  const nav = useNavigation.getState();
  const ws = useWorkspace.getState();
  const ui = useUi.getState();
  return useMemo(() => {
    const views: Command[] = VIEWS.map((v, i) => ({
      value: `view:${v.id}`,
      label: `Go to ${v.label}`,
      hint: `Ctrl+${i + 1}`,
      run: () => nav.go(v.id),
    }));
    const saved: Command[] = items.map((item) => ({
      value: `saved:${item.id}`,
      label: item.name,
      hint: item.type === "segment" ? "Segment" : "Report",
      run: () => {
        if (item.type === "segment") {
          useSegmentEditor.getState().load(item.name, item.definition, item.id);
          nav.go("segments");
        } else {
          const q = item.definition;
          nav.showReport({ id: item.id, name: item.name, query: q }, viewForQuery(q));
        }
      },
    }));
    const actions: Command[] = [
      {
        value: "new-segment",
        label: "New segment",
        hint: "Action",
        run: () => {
          useSegmentEditor.getState().load("Untitled segment", EMPTY);
          nav.go("segments");
        },
      },
      {
        value: "import",
        label: "Import events…",
        hint: "Action",
        run: () => {
          nav.go("data");
          ui.setDataTab("import");
        },
      },
      { value: "open", label: "Open workspace…", hint: "Ctrl+O", run: () => ws.chooseAndOpen() },
      { value: "new", label: "New workspace…", hint: "Ctrl+N", run: () => ws.chooseAndCreate() },
      { value: "demo", label: "Open the demo workspace", hint: "Action", run: () => ws.openDemo() },
      { value: "saveAs", label: "Save a copy as…", hint: "Ctrl+Shift+S", run: () => ws.saveAs() },
      { value: "share", label: "Share a copy…", hint: "Action", run: () => ui.setShare(true) },
      { value: "close", label: "Close workspace", hint: "Action", run: () => ws.close() },
      { value: "sidebar", label: "Toggle sidebar", hint: "Ctrl+B", run: () => ui.toggleSidebar() },
      {
        value: "theme",
        label: "Switch theme (system, dark, light)",
        hint: "Action",
        run: () => {
          const t = useWorkspace.getState().theme;
          ws.setTheme(t === "system" ? "dark" : t === "dark" ? "light" : "system");
        },
      },
    ];
    return [...views, ...saved, ...actions];
  }, [items, nav, ws, ui]);
}

export function CommandPalette(props: { onClose: () => void }) {
  const commands = useCommands();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const byValue = new Map(commands.map((c) => [c.value, c]));
    return filterOptions(commands, query)
      .map((o) => byValue.get(o.value))
      .filter((c): c is Command => !!c)
      .slice(0, 50);
  }, [commands, query]);
  const run = (c: Command | undefined) => {
    if (!c) return;
    props.onClose();
    c.run();
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicking the backdrop closes; Esc is the keyboard path
    <div className="overlay overlay-top" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          className="palette-input"
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={shown[active] ? `pal-${active}` : undefined}
          placeholder="Go to a view, open a saved item, run an action…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") props.onClose();
            else if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive(Math.min(shown.length - 1, active + 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive(Math.max(0, active - 1));
            } else if (e.key === "Enter") run(shown[active]);
          }}
        />
        <div className="palette-list" role="listbox" id="palette-list" aria-label="Commands">
          {shown.length === 0 ? <div className="picker-empty">Nothing matches “{query}”</div> : null}
          {shown.map((c, i) => (
            <div
              key={c.value}
              id={`pal-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? "picker-option active" : "picker-option"}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(c)}
              onKeyDown={() => undefined}
            >
              <span className="picker-label">{c.label}</span>
              <span className="picker-hint">{c.hint}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
