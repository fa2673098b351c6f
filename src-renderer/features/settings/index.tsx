import { ClusterSettings } from "./ClusterSettings.tsx";

// Settings: one section component per concern (the cluster here; others add theirs beside it).
export function SettingsView() {
  return (
    <div className="view pad">
      <div className="view-head">
        <h1>Settings</h1>
      </div>
      <ClusterSettings />
    </div>
  );
}
