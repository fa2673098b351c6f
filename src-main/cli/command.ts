import type { OptionSpec } from "./args.ts";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** standard input, read whole (for `strata query WS -`) */
  stdin(): Promise<string>;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** returns the exit code: 0 done, 2 bad usage / invalid query or file, 1 anything else */
  run(argv: string[], io: CliIo): Promise<number>;
}
