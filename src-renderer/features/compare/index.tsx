// Placeholder until the compare view lands.
export function CompareView() {
  return <div className="empty-state">Compare is being built.</div>;
}
