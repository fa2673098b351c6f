import { useState } from "react";
import type { AsOfSetting } from "../../src-preload/contract/settings.ts";
import { call } from "../api/client.ts";
import { useAsOf } from "../store/as-of.ts";
import { useGlobalFilters } from "../store/global-filters.ts";
import { useWorkspace } from "../store/workspace.ts";
import { formatDay } from "../ui/format.ts";
import { Icon } from "../ui/icons.tsx";
import { Picker } from "../ui/Picker.tsx";
import { toast } from "../ui/toast.tsx";

// Timezone (a view-wide override of the workspace's zone) and as-of (a workspace setting: the day
// relative ranges end on).
let zones: string[] | null = null;
function allZones(): string[] {
  if (!zones) {
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = ["UTC"];
    }
    if (!zones.includes("UTC")) zones = ["UTC", ...zones];
  }
  return zones;
}

export function TimezoneControl() {
  const info = useWorkspace((s) => s.info);
  const { timezone, setTimezone } = useGlobalFilters();
  const ws = info?.timezone ?? "UTC";
  return (
    <Picker
      label="Timezone"
      value={timezone ?? ""}
      className="control-picker"
      display={
        <>
          <Icon name="globe" size={12} /> {timezone ?? ws}
        </>
      }
      options={[
        { value: "", label: `Workspace zone (${ws})` },
        ...allZones().map((z) => ({ value: z, label: z })),
      ]}
      onChange={(v) => setTimezone(v === "" || v === ws ? null : v)}
    />
  );
}

export function AsOfControl() {
  const info = useWorkspace((s) => s.info);
  const setInfo = useWorkspace((s) => s.setInfo);
  const [picking, setPicking] = useState(false);
  // in the top bar's zone, the day the engine ends relative ranges on
  const asOf = useAsOf();
  if (!info) return null;
  const set = async (asOf: AsOfSetting) => {
    try {
      setInfo(await call("workspaceSetSettings", { asOf }));
    } catch (e) {
      toast.error(e);
    }
  };
  const label =
    info.asOf.mode === "latest"
      ? "latest event"
      : info.asOf.mode === "now"
        ? "today"
        : formatDay(info.asOf.date);
  if (picking) {
    return (
      <input
        className="input input-date"
        type="date"
        aria-label="As-of date"
        autoFocus
        defaultValue={asOf}
        onKeyDown={(e) => e.key === "Escape" && setPicking(false)}
        onBlur={(e) => {
          setPicking(false);
          if (e.target.value) set({ mode: "fixed", date: e.target.value });
        }}
      />
    );
  }
  return (
    <Picker
      label="As of"
      value={info.asOf.mode}
      className="control-picker"
      display={
        <span title={`Relative ranges end on ${formatDay(asOf)} (${label})`}>
          As of <span className="num">{formatDay(asOf)}</span>
        </span>
      }
      options={[
        { value: "latest", label: "Day of the latest event", hint: "default" },
        { value: "now", label: "Today" },
        { value: "fixed", label: "A fixed date…" },
      ]}
      onChange={(v) => {
        if (v === "latest" || v === "now") set({ mode: v });
        else setPicking(true);
      }}
    />
  );
}
