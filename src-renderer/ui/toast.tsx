import { create } from "zustand";

// Transient messages ("Segment saved"); errors stay until dismissed.
export interface Toast {
  id: number;
  kind: "info" | "error";
  text: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: Toast["kind"], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push: (kind, text) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, kind, text }] });
    if (kind === "info") setTimeout(() => get().dismiss(id), 3000);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const toast = {
  info: (text: string) => useToasts.getState().push("info", text),
  error: (e: unknown) => useToasts.getState().push("error", e instanceof Error ? e.message : String(e)),
};

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === "error" ? "alert" : "status"}>
          <span>{t.text}</span>
          <button
            type="button"
            className="btn btn-icon btn-ghost"
            aria-label="Dismiss"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
