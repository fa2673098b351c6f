import { CompareView } from "../features/compare/index.tsx";
import { DashboardView } from "../features/dashboard/index.tsx";
import { DataWorkspaceView } from "../features/data/DataView.tsx";
import { EngagementView } from "../features/engagement/index.tsx";
import { ExportsView } from "../features/exports/index.tsx";
import { FunnelsView } from "../features/funnels/index.tsx";
import { PathsView } from "../features/paths/index.tsx";
import { PredictView } from "../features/predict/index.tsx";
import { RetentionView } from "../features/retention/index.tsx";
import { RfmView } from "../features/rfm/index.tsx";
import { SegmentFlowView } from "../features/segment-flow/index.tsx";
import { SegmentsView } from "../features/segments/SegmentsView.tsx";
import { SettingsView } from "../features/settings/SettingsView.tsx";
import { TrendsView } from "../features/trends/index.tsx";
import type { ViewId } from "../store/navigation.ts";

// ViewId -> the component that fills the main canvas.
export const ROUTES: Record<ViewId, () => React.JSX.Element> = {
  data: DataWorkspaceView,
  segments: SegmentsView,
  trends: TrendsView,
  dashboard: DashboardView,
  funnels: FunnelsView,
  retention: RetentionView,
  engagement: EngagementView,
  rfm: RfmView,
  compare: CompareView,
  paths: PathsView,
  flows: SegmentFlowView,
  predict: PredictView,
  exports: ExportsView,
  settings: SettingsView,
};
