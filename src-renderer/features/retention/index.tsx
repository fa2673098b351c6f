// Placeholder until the retention view lands.
export function RetentionView() {
  return <div className="empty-state">Retention is being built.</div>;
}
