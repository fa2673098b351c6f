import type { Command } from "../command.ts";
import { demoCommand } from "./demo.ts";
import { infoCommand } from "./info.ts";

// One file per command; each issue adds its own.
export const commands: Command[] = [demoCommand, infoCommand];
