// Placeholder until the funnels view lands.
export function FunnelsView() {
  return <div className="empty-state">Funnels is being built.</div>;
}
