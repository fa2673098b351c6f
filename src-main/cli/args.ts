import { StrataError } from "../../src-preload/contract/errors.ts";
import { outOfBounds } from "../engine/typed-index.ts";

// A small, strict argument parser: unknown options are errors (exit 2), never silently ignored.

export interface OptionSpec {
  /** takes a value (`--out FILE`) or is a flag (`--json`) */
  value: boolean;
  /** may be given more than once (values collected) */
  multiple?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? outOfBounds();
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      const optionSpec = spec[name];
      if (!optionSpec) {
        const allowed = Object.keys(spec).map((k) => `--${k}`);
        throw new StrataError(
          "invalid_request",
          `unknown option --${name}; ${allowed.length ? `allowed: ${allowed.join(", ")}` : "this command takes no options"}`,
        );
      }
      let value = "";
      if (optionSpec.value) {
        if (eq > 0) value = arg.slice(eq + 1);
        else {
          const next = argv[i + 1];
          if (next === undefined)
            throw new StrataError("invalid_request", `--${name} needs a value (--${name} VALUE)`);
          value = next;
          i++;
        }
      } else if (eq > 0)
        throw new StrataError("invalid_request", `--${name} takes no value (got "${arg.slice(eq + 1)}")`);
      const list = options.get(name) ?? [];
      if (list.length > 0 && !optionSpec.multiple)
        throw new StrataError("invalid_request", `--${name} given twice`);
      list.push(value);
      options.set(name, list);
    } else positionals.push(arg);
  }
  return { positionals, options };
}

export function opt(p: ParsedArgs, name: string): string | undefined {
  return p.options.get(name)?.[0];
}

export function flag(p: ParsedArgs, name: string): boolean {
  return p.options.has(name);
}

export function intOpt(p: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = opt(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new StrataError(
      "invalid_request",
      `--${name} must be a whole number from ${min} to ${max} (got "${v}")`,
    );
  }
  return n;
}
