#!/usr/bin/env bash
# chDB (current ClickHouse in-process, npm package `chdb` 3.x, about 540 MB) for the differential
# test's third leg. Not an app dependency: it goes into a cache folder that the test loads it from
# (test/helpers/chdb.ts), and a second run with it already there does nothing.
#
#   scripts/install-chdb.sh            # into ${STRATA_CHDB_DIR:-~/.cache/strata-chdb}
set -euo pipefail
dir="${STRATA_CHDB_DIR:-$HOME/.cache/strata-chdb}"
version="${STRATA_CHDB_VERSION:-3.4.0}"
if [ -f "$dir/node_modules/chdb/package.json" ] &&
  grep -q "\"version\": \"$version\"" "$dir/node_modules/chdb/package.json"; then
  exit 0
fi
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --no-save "chdb@$version" >/dev/null
echo "chdb $version installed in $dir"
