import { savedListCommand } from "./saved-list.ts";

export const reportsCommand = savedListCommand("reports", "report");
