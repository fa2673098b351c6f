// Placeholder until the engagement view lands.
export function EngagementView() {
  return <div className="empty-state">Engagement is being built.</div>;
}
