// Inline 16 px stroke icons (no icon font, nothing from the network).
const PATHS = {
  data: "M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2zm0 0v8c0 1.1 2.2 2 5 2s5-.9 5-2V4M3 8c0 1.1 2.2 2 5 2s5-.9 5-2",
  segments: "M2 3h12l-4.5 5.5V13l-3 1.5V8.5z",
  funnels: "M2 3h12M4 7h8M6 11h4",
  retention: "M2 2h12v12H2zM2 6h12M2 10h8M6 2v12M10 2v8",
  engagement: "M2 13l3.5-5 3 3L14 3",
  trends: "M2 14h12M3 11l3-4 3 2 4-6",
  dashboard: "M2 2h5v7H2zM9 2h5v4H9zM9 8h5v6H9zM2 11h5v3H2z",
  rfm: "M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z",
  compare: "M5 2v12M11 2v12M2 5h6M8 11h6",
  // one start branching into routes: where users go next
  paths:
    "M3.5 9.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM5 8h1.5c2.5 0 2.5-4.5 5-4.5H14M6.5 8c2.5 0 2.5 4.5 5 4.5H14M6.5 8H14",
  // two dates as columns, bands crossing between states
  flows: "M2.5 2.5v4M2.5 9.5v4M13.5 2.5v4M13.5 9.5v4M2.5 4.5c5.5 0 5.5 7 11 7M2.5 11.5c5.5 0 5.5-7 11-7",
  exports: "M8 2v8M4.5 6.5L8 10l3.5-3.5M2 11v3h12v-3",
  settings: "M2 4h7M12 4h2M2 12h2M7 12h7M10.5 2.5v3M5.5 10.5v3",
  search: "M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM10.5 10.5L14 14",
  plus: "M8 3v10M3 8h10",
  close: "M4 4l8 8M12 4l-8 8",
  chevronDown: "M4 6l4 4 4-4",
  chevronRight: "M6 4l4 4-4 4",
  chevronLeft: "M10 4l-4 4 4 4",
  grip: "M6 4h.01M10 4h.01M6 8h.01M10 8h.01M6 12h.01M10 12h.01",
  up: "M8 13V3M4 7l4-4 4 4",
  down: "M8 3v10M4 9l4 4 4-4",
  indent: "M2 3h12M6 8h8M2 13h12M2 6l2.5 2L2 10",
  outdent: "M2 3h12M6 8h8M2 13h12M4.5 6L2 8l2.5 2",
  trash: "M3 4h10M6 4V2.5h4V4M4.5 4l.7 9.5h5.6l.7-9.5",
  copy: "M5 5h8v9H5zM3 11V2h8",
  undo: "M4 6h6a3.5 3.5 0 0 1 0 7H6M4 6l3-3M4 6l3 3",
  redo: "M12 6H6a3.5 3.5 0 0 0 0 7h4M12 6L9 3M12 6L9 9",
  sun: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1",
  moon: "M13.5 10A6 6 0 0 1 6 2.5a6 6 0 1 0 7.5 7.5z",
  file: "M4 1.5h5.5L12.5 4.5V14.5h-8.5zM9.5 1.5v3h3",
  folder: "M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z",
  sparkle: "M8 1.5l1.6 4.9L14.5 8l-4.9 1.6L8 14.5l-1.6-4.9L1.5 8l4.9-1.6z",
  users:
    "M6 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1.5 14c0-2.5 2-4.5 4.5-4.5s4.5 2 4.5 4.5M11 7a2 2 0 1 0 0-4M12 9.5c1.5.4 2.5 2 2.5 4.5",
  upload: "M8 10V2M4.5 5.5L8 2l3.5 3.5M2 11v3h12v-3",
  command:
    "M5.5 5.5h5v5h-5zM5.5 5.5V4A1.5 1.5 0 1 0 4 5.5zM10.5 5.5H12A1.5 1.5 0 1 0 10.5 4zM10.5 10.5V12a1.5 1.5 0 1 0 1.5-1.5zM5.5 10.5H4A1.5 1.5 0 1 0 5.5 12z",
  sidebar: "M2 2.5h12v11H2zM6 2.5v11",
  calendar: "M2 3.5h12v10.5H2zM2 6.5h12M5 2v3M11 2v3",
  globe: "M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM1.5 8h13M8 1.5c2 2 2 11 0 13M8 1.5c-2 2-2 11 0 13",
  save: "M2.5 2.5h9l2 2v9h-11zM5 2.5v3.5h5V2.5M5 13.5v-4h6v4",
  share:
    "M11.5 5.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM4.5 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM11.5 14.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM6.3 7l3.4-2M6.3 9l3.4 2",
  pencil: "M10.5 2.5l3 3L6 13H3v-3z",
  alert: "M8 1.5l7 12.5H1zM8 6v4M8 12h.01",
  check: "M3 8.5l3 3 7-7",
  dots: "M4 8h.01M8 8h.01M12 8h.01",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; size?: number; className?: string; title?: string }) {
  const size = props.size ?? 16;
  if (!props.title) {
    return (
      <svg
        className={props.className ? `icon ${props.className}` : "icon"}
        width={size}
        height={size}
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d={PATHS[props.name]} />
      </svg>
    );
  }
  return (
    <svg
      className={props.className ? `icon ${props.className}` : "icon"}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      role="img"
    >
      <title>{props.title}</title>
      <path d={PATHS[props.name]} />
    </svg>
  );
}
