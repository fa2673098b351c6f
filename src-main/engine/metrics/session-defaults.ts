// The sessions kind's defaults, apart from its scan: the CLI's choice of engine reads the property's
// name without loading the kind.

/** the event property that cuts sessions when a query names none */
export const DEFAULT_SESSION_PROPERTY = "session_id";
export const DEFAULT_GAP = { value: 30, unit: "minute" } as const;
