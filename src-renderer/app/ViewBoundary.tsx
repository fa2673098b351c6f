import { Component, type ReactNode } from "react";
import { ErrorState } from "../ui/states.tsx";

// A crash inside one view shows an error in that view only; the frame (sidebar, top bar) stays
// usable so the analyst can go elsewhere or retry.
export class ViewBoundary extends Component<{ children: ReactNode; name: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error !== null) {
      return (
        <ErrorState
          error={this.state.error}
          title={`The ${this.props.name} view stopped`}
          onRetry={() => this.setState({ error: null })}
        />
      );
    }
    return this.props.children;
  }
}
