// Placeholder until the rfm view lands.
export function RfmView() {
  return <div className="empty-state">Rfm is being built.</div>;
}
