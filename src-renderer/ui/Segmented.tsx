interface Props<T extends string> {
  value: T;
  options: readonly { value: T; label: string; title?: string }[];
  onChange(v: T): void;
  label: string;
}

/** A row of toggle buttons for small enumerations (interval, mode): one click, arrow keys move. */
export function Segmented<T extends string>({ value, options, onChange, label }: Props<T>) {
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{label}</legend>
      {options.map((o, i) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={o.value === value}
          tabIndex={o.value === value ? 0 : -1}
          title={o.title}
          className={o.value === value ? "is-on" : ""}
          onClick={() => onChange(o.value)}
          onKeyDown={(e) => {
            const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
            if (!d) return;
            e.preventDefault();
            const next = options[(i + d + options.length) % options.length];
            if (next) onChange(next.value);
            const sib = (e.currentTarget.parentElement?.children[(i + d + options.length) % options.length] ??
              null) as HTMLElement | null;
            sib?.focus();
          }}
        >
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}
