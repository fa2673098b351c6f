// The analysis views' stylesheets, each beside the component it styles, imported here in one fixed
// order: equal-specificity rules later in this list win, exactly as when they were one file.
import "./report.css";
import "./controls.css";
import "../ui/Segmented.css";
import "../features/funnels/StepEditor.css";
import "../ui/SimpleTable.css";
import "./QueryStatus.css";
import "../features/compare/compare.css";
import "../ui/SegmentsPicker.css";
