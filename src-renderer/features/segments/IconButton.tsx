import { Icon, type IconName } from "../../ui/icons.tsx";

/** A toolbar button that shows only an icon; the label names it for screen readers, the title on hover. */
export function IconButton(props: {
  icon: IconName;
  label: string;
  title: string;
  onClick: () => void;
  disabled?: boolean;
  /** extra button classes, e.g. "btn-ghost btn-sm" */
  look?: string;
  iconSize?: number;
}) {
  return (
    <button
      type="button"
      className={props.look ? `btn btn-icon ${props.look}` : "btn btn-icon"}
      aria-label={props.label}
      title={props.title}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <Icon name={props.icon} size={props.iconSize} />
    </button>
  );
}
