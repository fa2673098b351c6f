import { StrataError } from "../../../src-preload/contract/errors.ts";

/**
 * A query the cluster cannot answer exactly: exit code 2, naming the field, never an approximate
 * answer (spec: cli.md "Beyond one laptop").
 */
export function refuse(field: string, why: string): never {
  throw new StrataError(
    "invalid_request",
    `${field}: not answered on the ClickHouse cluster (${why}); run it on this laptop`,
  );
}
