import { type ReactNode, useMemo } from "react";
import type { EventMatcher } from "../../src-preload/contract/common.ts";
import type { CatalogProperty } from "../../src-preload/contract/methods/catalog.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import type { QueryResults } from "../../src-preload/contract/results.ts";
import { useCatalogEvents } from "../store/catalog-cache.ts";
import { globalQueryParts, useGlobalFilters } from "../store/global-filters.ts";
import { useKeptState } from "../store/kept-state.ts";
import { QueryStatus } from "./QueryStatus.tsx";
import { type OpenReport, ReportBar } from "./report.tsx";
import type { QueryState } from "./use-query.ts";

// Shared frame of a metric view: a draft (the query minus the top bar's range, timezone and segment),
// a report bar to save it, a toolbar of options and the status strip.

export type Scoped = "range" | "timezone" | "segment";
export type DraftOf<Q> = Omit<Q, Scoped>;

export interface Incoming {
  query: Query;
  report: OpenReport;
}

export function stripScope<Q extends Query>(q: Q): DraftOf<Q> {
  const {
    range: _r,
    timezone: _t,
    segment: _s,
    ...rest
  } = q as Q & { range?: unknown; timezone?: unknown; segment?: unknown };
  return rest as DraftOf<Q>;
}

const NO_DRAFT = { src: null, picked: null };

/**
 * The draft of a metric view. Until the analyst edits it (or a report sets it), it follows the
 * defaults for this workspace's catalog, so `ready` is false until the catalog has loaded. Views
 * whose defaults name a property (revenue amount, survey score, acquisition channel) pass the
 * catalog's properties, so the defaults pick one the workspace has.
 */
export function useDraft<Q extends Query>(
  kind: Q["kind"],
  incoming: Incoming | null,
  defaults: (events: readonly string[], properties: readonly CatalogProperty[]) => DraftOf<Q>,
  properties?: readonly CatalogProperty[] | null,
) {
  const events = useCatalogEvents();
  const fromIncoming = incoming && incoming.query.kind === kind ? stripScope(incoming.query as Q) : null;
  // Kept per workspace while the analyst is elsewhere; a newly opened report (another `incoming`)
  // replaces it.
  const [kept, setKept] = useKeptState<{ src: Incoming | null; picked: DraftOf<Q> | null }>(
    `${kind}.draft`,
    NO_DRAFT,
  );
  const picked = kept.src === incoming && kept !== NO_DRAFT ? kept.picked : fromIncoming;
  const names = useMemo(() => events?.map((e) => e.name) ?? [], [events]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: defaults is a fixed recipe per view
  const draft = useMemo(() => picked ?? defaults(names, properties ?? []), [picked, names, properties]);
  const g = useGlobalFilters();
  const query = useMemo(() => ({ ...draft, ...globalQueryParts(g) }) as unknown as Q, [draft, g]);
  const patch = (p: Partial<DraftOf<Q>>) => setKept({ src: incoming, picked: { ...draft, ...p } });
  const loaded = events !== null && properties !== null;
  return { draft, patch, query, ready: picked !== null || loaded };
}

/**
 * "Active" means any activity: every event except those the workspace does not count as activity
 * (message deliveries by default; Engagement shows and edits the list). The engine applies it when
 * the matcher names no event.
 */
export function appActivity(_events: readonly string[]): EventMatcher {
  return { event: null };
}

interface ShellProps<K extends keyof QueryResults> {
  name: string;
  query: Query;
  incoming: Incoming | null;
  qs: QueryState<K>;
  what: string;
  toolbar: ReactNode;
  children: ReactNode;
  testId: string;
}

export function TabShell<K extends keyof QueryResults>({
  name,
  query,
  incoming,
  qs,
  what,
  toolbar,
  children,
  testId,
}: ShellProps<K>) {
  type Kept = { src: Incoming | null; report: OpenReport | null; savedJson: string | null };
  const [kept, setKept] = useKeptState<Kept | null>(`${query.kind}.report`, null);
  const fromIncoming: Kept = {
    src: incoming,
    report: incoming?.report ?? null,
    savedJson: incoming ? JSON.stringify(incoming.query) : null,
  };
  const mine = kept && kept.src === incoming ? kept : fromIncoming;
  const { report, savedJson } = mine;
  // functional updates: saving sets the report and then the saved JSON in one go, and the second
  // must not undo the first
  const update = (patch: Partial<Kept>) =>
    setKept((prev) => ({ ...(prev && prev.src === incoming ? prev : fromIncoming), ...patch }));
  const setReport = (r: OpenReport | null) => update({ report: r });
  const setSavedJson = (j: string) => update({ savedJson: j });
  const json = JSON.stringify(query);
  return (
    <div className="tab-body" data-testid={testId} data-phase={qs.phase} data-runs={qs.runs}>
      <ReportBar
        report={report}
        setReport={setReport}
        query={query}
        defaultName={name}
        dirty={savedJson !== json}
        onSaved={() => setSavedJson(json)}
      />
      <div className="toolbar" role="toolbar" aria-label={`${name} options`}>
        {toolbar}
      </div>
      <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what={what} />
      {children}
    </div>
  );
}

/** The chart box's overlay message for the usual states. */
export function stateMessage<K extends keyof QueryResults>(
  qs: QueryState<K>,
  isEmpty: (r: QueryResults[K]) => boolean,
  emptyText: string,
): {
  empty?: ReactNode;
  error?: ReactNode;
  loading?: boolean;
} {
  if (qs.phase === "error" && !qs.result)
    return { error: "This could not be computed: see the message above." };
  // Before the first answer: a quiet placeholder (it fades in only if the wait passes 150 ms).
  if (!qs.result) return { loading: true };
  if (isEmpty(qs.result)) return { empty: emptyText };
  return {};
}
