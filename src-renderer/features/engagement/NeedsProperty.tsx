import type { ReactNode } from "react";

/**
 * In place of a tab's charts when the workspace has no property the tab can measure: what it needs
 * and where to choose it (the toolbar's picker), instead of an "unknown property" error.
 */
export function NeedsProperty({ children }: { children: ReactNode }) {
  return (
    <div className="av-panel needs-property" role="status" data-testid="needs-property">
      <h2 className="av-title">Choose a property to measure</h2>
      <p className="muted">{children}</p>
    </div>
  );
}
