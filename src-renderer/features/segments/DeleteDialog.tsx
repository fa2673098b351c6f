import type { ReactNode } from "react";
import { Dialog } from "../../ui/Dialog.tsx";

/**
 * "Delete X?" with Cancel and a red Delete, used by the segment toolbar and the sidebar's saved-item
 * menu. `confirmClass` keeps each caller's button styling as it was.
 */
export function DeleteDialog(props: {
  title: string;
  onClose: () => void;
  onConfirm: () => void;
  confirmClass: string;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={props.title}
      width={420}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className={props.confirmClass} onClick={props.onConfirm}>
            Delete
          </button>
        </>
      }
    >
      {props.children}
    </Dialog>
  );
}
