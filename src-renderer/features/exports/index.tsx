// Placeholder until the exports view lands.
export function ExportsView() {
  return <div className="empty-state">Exports is being built.</div>;
}
