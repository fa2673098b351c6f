import { ClusterSettings } from "./ClusterSettings.tsx";
import { IdentityMergeSetting } from "./IdentityMergeSetting.tsx";
import "./settings.css";

// Settings, by section. Each setting is a component of its own, so sections grow without touching
// each other.

export function SettingsView() {
  return (
    <div className="view">
      <div className="view-head">
        <h1>Settings</h1>
      </div>
      <section className="panel settings-section" aria-label="Workspace">
        <h2 className="panel-title">Workspace</h2>
        <IdentityMergeSetting />
      </section>
      <ClusterSettings />
    </div>
  );
}
