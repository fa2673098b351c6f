import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";

// A searchable picker (combobox + listbox): type to filter, arrows to move, Enter to choose, Esc to
// close. Every picker in the app (events, properties, segments, values) is this one.
export interface PickerOption {
  value: string;
  label: string;
  hint?: string;
  group?: string;
}

export function filterOptions(options: PickerOption[], query: string): PickerOption[] {
  const q = query.trim().toLowerCase();
  if (!q) return options;
  const starts: PickerOption[] = [];
  const contains: PickerOption[] = [];
  for (const o of options) {
    const l = o.label.toLowerCase();
    if (l.startsWith(q)) starts.push(o);
    else if (l.includes(q) || o.value.toLowerCase().includes(q)) contains.push(o);
  }
  return [...starts, ...contains];
}

export function Picker(props: {
  label: string;
  value: string | null;
  options: PickerOption[];
  onChange: (value: string) => void;
  placeholder?: string;
  /** what the trigger shows; defaults to the option's label */
  display?: ReactNode;
  className?: string;
  /** accept free text that is not among the options (property values) */
  allowCustom?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const wrap = useRef<HTMLSpanElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const shown = useMemo(() => filterOptions(props.options, query).slice(0, 200), [props.options, query]);
  const current = props.options.find((o) => o.value === props.value);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const choose = (value: string) => {
    props.onChange(value);
    setOpen(false);
    setQuery("");
    trigger.current?.focus();
  };

  return (
    <span className={`picker ${props.className ?? ""}`} ref={wrap}>
      <button
        ref={trigger}
        type="button"
        className={props.value ? "token" : "token token-empty"}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`${props.label}: ${current?.label ?? props.value ?? "not chosen"}`}
        onClick={() => {
          setOpen(!open);
          setActive(0);
        }}
      >
        {props.display ?? current?.label ?? props.value ?? props.placeholder ?? "choose…"}
      </button>
      {open ? (
        <div className="popover picker-pop">
          <input
            className="input input-search"
            autoFocus
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-label={`Search ${props.label}`}
            placeholder={`Search ${props.label.toLowerCase()}…`}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive(Math.min(shown.length - 1, active + 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive(Math.max(0, active - 1));
              } else if (e.key === "Enter") {
                e.preventDefault();
                const o = shown[active];
                if (o) choose(o.value);
                else if (props.allowCustom && query.trim()) choose(query.trim());
              } else if (e.key === "Escape") {
                e.stopPropagation();
                setOpen(false);
                trigger.current?.focus();
              }
            }}
          />
          <div className="picker-list" role="listbox" id={listId} aria-label={props.label}>
            {shown.length === 0 ? (
              <div className="picker-empty">
                {props.allowCustom && query.trim()
                  ? `Press Enter to use “${query.trim()}”`
                  : "Nothing matches"}
              </div>
            ) : null}
            {shown.map((o, i) => (
              <div
                key={o.value}
                role="option"
                tabIndex={-1}
                aria-selected={o.value === props.value}
                className={i === active ? "picker-option active" : "picker-option"}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o.value)}
                onKeyDown={() => undefined}
              >
                <span className="picker-label">{o.label}</span>
                {o.hint ? <span className="picker-hint num">{o.hint}</span> : null}
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </span>
  );
}
