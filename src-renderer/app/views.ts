import type { ViewId } from "../store/navigation.ts";
import type { IconName } from "../ui/icons.tsx";

// The sidebar's sections, in order, with their keyboard shortcuts (Ctrl/Cmd+1..9).
export const VIEWS: { id: ViewId; label: string; icon: IconName }[] = [
  { id: "data", label: "Data", icon: "data" },
  { id: "segments", label: "Segments", icon: "segments" },
  { id: "trends", label: "Trends", icon: "trends" },
  { id: "dashboard", label: "Dashboard", icon: "dashboard" },
  { id: "funnels", label: "Funnels", icon: "funnels" },
  { id: "retention", label: "Retention", icon: "retention" },
  { id: "engagement", label: "Engagement", icon: "engagement" },
  { id: "rfm", label: "RFM", icon: "rfm" },
  { id: "compare", label: "Compare", icon: "compare" },
  { id: "paths", label: "Paths", icon: "paths" },
  { id: "flows", label: "Flows", icon: "flows" },
  { id: "predict", label: "Predict", icon: "sparkle" },
  { id: "exports", label: "Exports", icon: "exports" },
  { id: "settings", label: "Settings", icon: "settings" },
];
