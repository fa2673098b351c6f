import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
// The frame's and views' stylesheets live beside what they style; they are listed here, after the App
// (whose analysis views bring report/styles.ts), in one fixed order so that the cascade between
// equal-specificity rules is the same as when they were two big files.
import "./ui/tokens.css";
import "./ui/base.css";
import "./ui/buttons.css";
import "./ui/inputs.css";
import "./app/frame.css";
import "./ui/popover.css";
import "./ui/Picker.css";
import "./ui/Dialog.css";
import "./ui/states.css";
import "./ui/Table.css";
import "./ui/view.css";
import "./features/start/start.css";
import "./features/data/data.css";
import "./features/import/import.css";
import "./features/segments/segments.css";
import "./features/members/members.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
