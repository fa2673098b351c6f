// The workspace file's schema, one migration per format version. `user_version` holds the version
// reached; a file whose version is higher than the last one here was written by a newer Strata.
//
// Events are rows: user and event name dictionary-encoded, time in ms since the epoch (UTC),
// properties as compact JSON. The engine keeps a columnar copy (engine_columns) ordered by
// (user, time) so behavioral queries never iterate these rows one at a time.

export const APPLICATION_ID = 0x53545241; // "STRA"

export const MIGRATIONS: readonly string[] = [
  // 1: the first format
  `
  CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    format_version INTEGER NOT NULL,
    app_version TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    as_of TEXT NOT NULL DEFAULT '{"mode":"latest"}',
    week_start TEXT NOT NULL DEFAULT 'monday' CHECK (week_start IN ('monday', 'sunday')),
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL
  );

  -- count and the time span are kept by imports, so that the header never scans the events
  CREATE TABLE event_names (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    count INTEGER NOT NULL DEFAULT 0,
    first_time INTEGER,
    last_time INTEGER
  );

  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    created_at INTEGER,
    attributes TEXT
  );

  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    file_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('events', 'users')),
    options TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'cancelled')),
    rows_read INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    skipped_by_reason TEXT NOT NULL DEFAULT '{}',
    seconds REAL NOT NULL DEFAULT 0
  );
  CREATE INDEX imports_hash ON imports (file_hash);

  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    event_id INTEGER NOT NULL REFERENCES event_names (id),
    time INTEGER NOT NULL,
    import_id INTEGER REFERENCES imports (id),
    insert_id TEXT,
    properties TEXT
  );
  CREATE UNIQUE INDEX events_insert_id ON events (insert_id) WHERE insert_id IS NOT NULL;

  CREATE TABLE event_properties (
    event_id INTEGER NOT NULL REFERENCES event_names (id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, name)
  ) WITHOUT ROWID;

  CREATE TABLE user_properties (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;

  CREATE TABLE saved_items (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('segment', 'report')),
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    last_result TEXT
  );

  CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    manifest TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE engine_columns (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    built_at INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  `,
  // 2: the users' external ids are unique through a named index instead of a UNIQUE constraint,
  // which SQLite cannot drop: an import of many new users into a workspace with few drops the
  // index and builds it once at the end (a third of the time of a million random inserts into it).
  // The table is rebuilt (SQLite's documented way to change a constraint), with foreign keys off.
  `
  CREATE TABLE users_v2 (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL,
    created_at INTEGER,
    attributes TEXT
  );
  INSERT INTO users_v2 (id, external_id, created_at, attributes)
    SELECT id, external_id, created_at, attributes FROM users ORDER BY id;
  DROP TABLE users;
  ALTER TABLE users_v2 RENAME TO users;
  CREATE UNIQUE INDEX users_external_id ON users (external_id);
  `,
  // 3: identity merge. An import records each anonymous id it sees linked to an identified one (both
  // on one event, or an identify call), by external id: the anonymous side may never have an event
  // of its own. The first link of an anonymous id wins. The engine merges the two when it builds its
  // timeline, unless the workspace switches it off (engine/columns/identity.ts).
  `
  CREATE TABLE identities (
    anon_id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    import_id INTEGER
  );
  ALTER TABLE meta ADD COLUMN identity_merge INTEGER NOT NULL DEFAULT 1 CHECK (identity_merge IN (0, 1));
  `,
  // 4: the workspace dashboard's pinned reports, in order (issue 15)
  `
  CREATE TABLE dashboard_tiles (
    position INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL
  );
  `,
];

/** The unique index on users.external_id (format 2 on). */
export const USERS_EXTERNAL_ID_INDEX = "users_external_id";

export const FORMAT_VERSION = MIGRATIONS.length;
