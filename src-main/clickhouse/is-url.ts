// Whether a CLI target names a ClickHouse cluster instead of a workspace file. A file of its own, so
// that a local query can tell without loading the ClickHouse client.
export function isClickhouseUrl(s: string): boolean {
  return s.startsWith("clickhouse://");
}
