import { useEffect, useState } from "react";
import { onWritesInFlight } from "../api/client.ts";

// "Saving…" while a write to the workspace file is in flight, then "Saved" for a moment. Everything
// is written as it happens (there is no unsaved workspace state), so this is all the name needs.
export function SaveState() {
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onWritesInFlight((n) => {
      if (timer) clearTimeout(timer);
      if (n > 0) setState("saving");
      else {
        setState("saved");
        timer = setTimeout(() => setState("idle"), 1500);
      }
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return (
    <span className={`save-state save-${state}`} role="status" aria-live="polite">
      {state === "saving" ? "Saving…" : state === "saved" ? "Saved" : ""}
    </span>
  );
}
