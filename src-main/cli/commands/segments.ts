import { savedListCommand } from "./saved-list.ts";

export const segmentsCommand = savedListCommand("segments", "segment");
