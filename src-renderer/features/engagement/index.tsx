import type { ComponentType } from "react";
import { NoEvents } from "../../report/NoEvents.tsx";
import { useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import type { Incoming } from "../../report/tab-kit.tsx";
import { useKeptState } from "../../store/kept-state.ts";
import "../../report/styles.ts";
import { AcquisitionTab } from "./AcquisitionTab.tsx";
import { ActiveUsersTab, HeatmapTab } from "./ActivityTabs.tsx";
import { AdoptionTab } from "./AdoptionTab.tsx";
import { ChurnTab } from "./ChurnTab.tsx";
import { LifecycleTab, StickinessTab } from "./LifecycleTab.tsx";
import { MessagesTab } from "./MessagesTab.tsx";
import { RevenueTab } from "./RevenueTab.tsx";
import { SessionsTab } from "./SessionsTab.tsx";
import { SurveysTab } from "./SurveysTab.tsx";

interface Tab {
  id: string;
  label: string;
  kinds: string[];
  Component: ComponentType<{ incoming: Incoming | null }>;
}

const TABS: Tab[] = [
  { id: "active", label: "Active users", kinds: ["activeUsers"], Component: ActiveUsersTab },
  { id: "lifecycle", label: "Lifecycle", kinds: ["lifecycle"], Component: LifecycleTab },
  { id: "stickiness", label: "Stickiness", kinds: ["stickiness"], Component: StickinessTab },
  { id: "churn", label: "Churn", kinds: ["churn"], Component: ChurnTab },
  { id: "adoption", label: "Adoption", kinds: ["featureAdoption"], Component: AdoptionTab },
  { id: "sessions", label: "Sessions", kinds: ["sessions"], Component: SessionsTab },
  { id: "heatmap", label: "Activity by hour", kinds: ["activityHeatmap"], Component: HeatmapTab },
  { id: "acquisition", label: "Acquisition", kinds: ["acquisition"], Component: AcquisitionTab },
  { id: "revenue", label: "Revenue & LTV", kinds: ["revenue"], Component: RevenueTab },
  { id: "surveys", label: "Surveys", kinds: ["surveyScores"], Component: SurveysTab },
  { id: "messages", label: "Messages", kinds: ["messageEngagement"], Component: MessagesTab },
];

/** Engagement: one tab per metric family; a saved report opens on its tab with its query. */
export function EngagementView() {
  return (
    <NoEvents>
      <EngagementViewBody />
    </NoEvents>
  );
}

function EngagementViewBody() {
  const [tab, setTab] = useKeptState("engagement.tab", "active");
  const [incoming, setIncoming] = useKeptState<(Incoming & { n: number }) | null>(
    "engagement.incoming",
    null,
  );

  useIncomingReport(
    TABS.flatMap((t) => t.kinds),
    (query, report) => {
      const t = TABS.find((x) => x.kinds.includes(query.kind));
      if (!t) return;
      if ("range" in query) applyReportScope(query);
      setTab(t.id);
      setIncoming((old) => ({ query, report, n: (old?.n ?? 0) + 1 }));
    },
  );
  const current = TABS.find((t) => t.id === tab) ?? TABS[0]!;
  const mine = incoming && current.kinds.includes(incoming.query.kind) ? incoming : null;
  return (
    <div className="av" data-testid="engagement-view">
      <div className="av-tabs" role="tablist" aria-label="Engagement metrics">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`eng-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls="eng-panel"
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
              if (!d) return;
              const i = TABS.findIndex((x) => x.id === tab);
              const next = TABS[(i + d + TABS.length) % TABS.length];
              if (!next) return;
              setTab(next.id);
              document.getElementById(`eng-tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="eng-panel" role="tabpanel" aria-labelledby={`eng-tab-${tab}`}>
        <current.Component key={`${current.id}:${mine?.n ?? 0}`} incoming={mine} />
      </div>
    </div>
  );
}
