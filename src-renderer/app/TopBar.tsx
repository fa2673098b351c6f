import { useGlobalFilters } from "../store/global-filters.ts";
import { useSaved } from "../store/saved.ts";
import { useUi } from "../store/ui.ts";
import { useWorkspace } from "../store/workspace.ts";
import { formatInstant, formatNumber } from "../ui/format.ts";
import { Icon } from "../ui/icons.tsx";
import { Picker } from "../ui/Picker.tsx";
import { RangeControl } from "./RangeControl.tsx";
import { RunOnSwitch } from "./RunOnSwitch.tsx";
import { SaveState } from "./SaveState.tsx";
import { AsOfControl, TimezoneControl } from "./ZoneControls.tsx";

// Workspace header (name, events, users, time span, timezone) and the global controls that apply
// to every view: date range, timezone, as-of, a segment filter chip, and the command palette.
export function TopBar() {
  const info = useWorkspace((s) => s.info);
  const segment = useGlobalFilters((s) => s.segment);
  const setSegment = useGlobalFilters((s) => s.setSegment);
  const saved = useSaved((s) => s.items).filter((i) => i.type === "segment");
  if (!info) return null;
  const tz = info.timezone;
  return (
    <header className="topbar">
      <div className="ws-head">
        <div className="ws-name-row">
          <div className="ws-name" data-testid="workspace-name" title={info.path}>
            {info.name}
          </div>
          <SaveState />
        </div>
        <div className="ws-meta num">
          <span>{formatNumber(info.events)} events</span>
          <span>{formatNumber(info.users)} users</span>
          {info.timeSpan ? (
            <span>
              {formatInstant(info.timeSpan.first, tz)} – {formatInstant(info.timeSpan.last, tz)}
            </span>
          ) : (
            <span>empty workspace</span>
          )}
        </div>
      </div>
      <div className="topbar-controls">
        <RangeControl />
        <TimezoneControl />
        <AsOfControl />
        <RunOnSwitch />
        {segment ? (
          <span className="chip chip-accent" title="Every view counts only users in this segment">
            <Icon name="segments" size={12} />
            {segment.name}
            <button
              type="button"
              className="chip-x"
              aria-label={`Remove segment filter ${segment.name}`}
              onClick={() => setSegment(null)}
            >
              ×
            </button>
          </span>
        ) : (
          <Picker
            label="Segment filter"
            value={null}
            className="control-picker"
            display={
              <>
                <Icon name="segments" size={12} /> All users
              </>
            }
            options={saved.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(id) => {
              const s = saved.find((x) => x.id === id);
              if (s) setSegment({ name: s.name, definition: s.definition, savedId: s.id });
            }}
          />
        )}
        <button
          type="button"
          className="control-btn palette-btn"
          onClick={() => useUi.getState().setPalette(true)}
          aria-label="Command palette"
          title="Command palette (Ctrl+K)"
        >
          <Icon name="search" />
          <span className="kbd">Ctrl K</span>
        </button>
      </div>
    </header>
  );
}
