import { type ReactNode, useEffect, useRef } from "react";

// A modal dialog: Esc closes, focus moves in on open and returns to where it was on close.
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>("input, select, textarea, button:not(.dialog-x)");
    (first ?? ref.current)?.focus();
    return () => before?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicking the backdrop closes; Esc is the keyboard path
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        tabIndex={-1}
        style={props.width ? { width: props.width } : undefined}
      >
        <div className="dialog-head">
          <h2>{props.title}</h2>
          <button
            type="button"
            className="btn btn-icon btn-ghost dialog-x"
            aria-label="Close"
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <div className="dialog-body">{props.children}</div>
        {props.footer ? <div className="dialog-foot">{props.footer}</div> : null}
      </div>
    </div>
  );
}

/** Asks for a name (save, rename, duplicate). */
export function NameDialog(props: {
  title: string;
  initial: string;
  confirm: string;
  onConfirm: (name: string) => void;
  onClose: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const submit = () => {
    const v = input.current?.value.trim() ?? "";
    if (v) props.onConfirm(v);
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      width={420}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={submit}>
            {props.confirm}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Name</span>
        <input
          ref={input}
          className="input"
          defaultValue={props.initial}
          maxLength={200}
          onKeyDown={(e) => e.key === "Enter" && submit()}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
    </Dialog>
  );
}
