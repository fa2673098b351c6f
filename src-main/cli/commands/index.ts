import type { Command } from "../command.ts";
import { demoCommand } from "./demo.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";
import { infoCommand } from "./info.ts";
import { queryCommand } from "./query.ts";
import { reportsCommand } from "./reports.ts";
import { segmentsCommand } from "./segments.ts";
import { shareCommand } from "./share.ts";

// One file per command; each issue adds its own.
export const commands: Command[] = [
  demoCommand,
  importCommand,
  infoCommand,
  queryCommand,
  segmentsCommand,
  reportsCommand,
  exportCommand,
  shareCommand,
];
