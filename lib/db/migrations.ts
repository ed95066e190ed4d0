/**
 * Versioned schema. Each entry runs once, in order, inside a transaction;
 * SQLite's user_version records how far a database has come.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE predictions (
    id               TEXT PRIMARY KEY,
    engine           TEXT NOT NULL,
    model            TEXT NOT NULL,
    status           TEXT NOT NULL,
    prompt           TEXT NOT NULL,
    aspect_ratio     TEXT NOT NULL,
    num_images       INTEGER NOT NULL,
    seed             INTEGER NOT NULL,
    seed_requested   INTEGER,
    guidance_scale   REAL NOT NULL,
    safety_tolerance TEXT NOT NULL,
    upstream_id      TEXT,
    submit_state     TEXT NOT NULL DEFAULT 'pending',
    error            TEXT NOT NULL DEFAULT '',
    inference_ms     INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    completed_at     TEXT
  );
  CREATE INDEX predictions_created_at ON predictions (created_at DESC, id DESC);
  CREATE INDEX predictions_status_created_at ON predictions (status, created_at DESC);
  CREATE INDEX predictions_upstream_id ON predictions (upstream_id);

  CREATE TABLE prediction_outputs (
    prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    file          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    nsfw          INTEGER NOT NULL DEFAULT 0,
    source_url    TEXT,
    PRIMARY KEY (prediction_id, idx)
  );
  `,
];
