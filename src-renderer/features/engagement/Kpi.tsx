export function Kpi({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
    </div>
  );
}
