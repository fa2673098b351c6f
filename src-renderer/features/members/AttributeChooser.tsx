import { useEffect, useRef, useState } from "react";

// Which user attributes appear as columns.
export function AttributeChooser(props: {
  options: string[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => !wrap.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);
  if (props.options.length === 0) return null;
  return (
    <div className="control" ref={wrap}>
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Columns ({props.value.length})
      </button>
      {open ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the popover from any checkbox inside
        <div className="popover attr-pop" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
          {props.options.map((o) => (
            <label key={o} className="check">
              <input
                type="checkbox"
                checked={props.value.includes(o)}
                onChange={(e) =>
                  props.onChange(e.target.checked ? [...props.value, o] : props.value.filter((x) => x !== o))
                }
              />
              {o}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
