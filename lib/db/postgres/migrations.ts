/**
 * The Postgres schema: the same tables, columns and meanings as the SQLite one
 * (lib/db/migrations.ts), in Postgres's dialect, so both share one row mapping
 * (lib/db/prediction-rows.ts). Flags stay 0/1 integers and times ISO 8601 text, as in
 * SQLite: they sort as time and read back exactly as written. Each entry runs once, in
 * order, in a transaction, under an advisory lock (db.ts); schema_migrations records how
 * far a database has come. 1–6 follow SQLite's 1–6; 7 is what only several instances need; 8 and 9 follow SQLite's 7 and 8.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
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
    guidance_scale   DOUBLE PRECISION NOT NULL,
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
  CREATE INDEX predictions_status_created_at_id ON predictions (status, created_at DESC, id DESC);
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
  `
  CREATE TABLE image_totals (
    engine TEXT PRIMARY KEY,
    images INTEGER NOT NULL
  );
  CREATE FUNCTION image_totals_output_added() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO image_totals (engine, images) SELECT engine, 1 FROM predictions WHERE id = NEW.prediction_id
      ON CONFLICT (engine) DO UPDATE SET images = image_totals.images + 1;
    RETURN NEW;
  END $$;
  CREATE TRIGGER image_totals_output_added AFTER INSERT ON prediction_outputs
    FOR EACH ROW EXECUTE FUNCTION image_totals_output_added();
  CREATE FUNCTION image_totals_prediction_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE image_totals SET images = images - (SELECT count(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
      WHERE engine = OLD.engine;
    RETURN OLD;
  END $$;
  CREATE TRIGGER image_totals_prediction_deleted BEFORE DELETE ON predictions
    FOR EACH ROW EXECUTE FUNCTION image_totals_prediction_deleted();
  `,
  `
  CREATE TABLE spend_of_deleted (
    day    TEXT NOT NULL,
    engine TEXT NOT NULL,
    images INTEGER NOT NULL,
    PRIMARY KEY (day, engine)
  );
  CREATE FUNCTION spend_of_deleted_kept() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO spend_of_deleted (day, engine, images)
      SELECT substr(OLD.created_at, 1, 10), OLD.engine,
        CASE
          WHEN OLD.status = 'completed' THEN (SELECT count(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
          WHEN OLD.status IN ('created', 'processing') AND OLD.submit_state <> 'pending' THEN OLD.num_images
          ELSE 0
        END
      ON CONFLICT (day, engine) DO UPDATE SET images = spend_of_deleted.images + excluded.images;
    RETURN OLD;
  END $$;
  CREATE TRIGGER spend_of_deleted_kept BEFORE DELETE ON predictions
    FOR EACH ROW EXECUTE FUNCTION spend_of_deleted_kept();
  `,
  `
  ALTER TABLE predictions ADD COLUMN enable_sync_mode INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE predictions ADD COLUMN enable_base64_output INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    prediction_id    TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
    url              TEXT NOT NULL,
    base_url         TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'waiting',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    last_status      INTEGER,
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    first_attempt_at TEXT,
    finished_at      TEXT
  );
  CREATE INDEX webhook_deliveries_prediction ON webhook_deliveries (prediction_id);
  CREATE INDEX webhook_deliveries_state ON webhook_deliveries (state, created_at);
  `,
  `
  CREATE TABLE sweeps (
    id           TEXT PRIMARY KEY,
    engine       TEXT NOT NULL,
    base         TEXT NOT NULL,
    axis_x       TEXT NOT NULL,
    axis_y       TEXT,
    parent_id    TEXT,
    created_at   TEXT NOT NULL,
    cancelled_at TEXT
  );
  ALTER TABLE predictions ADD COLUMN parent_id TEXT;
  ALTER TABLE predictions ADD COLUMN lineage_kind TEXT;
  ALTER TABLE predictions ADD COLUMN lineage_changes TEXT;
  ALTER TABLE predictions ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';
  UPDATE predictions SET thread_id = id;
  ALTER TABLE predictions ADD COLUMN note TEXT NOT NULL DEFAULT '';
  ALTER TABLE predictions ADD COLUMN sweep_id TEXT;
  ALTER TABLE predictions ADD COLUMN sweep_x INTEGER;
  ALTER TABLE predictions ADD COLUMN sweep_y INTEGER;
  ALTER TABLE prediction_outputs ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX predictions_parent_id ON predictions (parent_id);
  CREATE INDEX predictions_thread ON predictions (thread_id, created_at, id);
  CREATE INDEX predictions_sweep ON predictions (sweep_id, sweep_y, sweep_x, created_at);
  CREATE INDEX prediction_outputs_starred ON prediction_outputs (prediction_id) WHERE starred = 1;
  `,
  `
  CREATE TABLE idempotency_keys (
    key           TEXT PRIMARY KEY,
    fingerprint   TEXT NOT NULL,
    prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL
  );
  CREATE INDEX idempotency_keys_prediction_id ON idempotency_keys (prediction_id);
  CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
  `,
  // 7: claims on unfinished work. An instance owns a run while its lease holds; it renews the
  // lease, and another instance takes over a run whose lease has run out. holds_place: the run
  // counts against the upstream concurrency limit shared by every instance.
  // Webhooks that arrive before their submit's answer wait in early_deliveries, where the
  // instance that made the submit finds them, whichever instance the webhook reached; rate-limit
  // counters are shared too.
  `
  ALTER TABLE predictions ADD COLUMN claimed_by TEXT;
  ALTER TABLE predictions ADD COLUMN lease_until TIMESTAMPTZ;
  ALTER TABLE predictions ADD COLUMN holds_place BOOLEAN NOT NULL DEFAULT false;
  CREATE INDEX predictions_unfinished ON predictions (created_at, id) WHERE status IN ('created', 'processing');
  CREATE INDEX predictions_claimed_by ON predictions (claimed_by) WHERE claimed_by IS NOT NULL;

  CREATE TABLE early_deliveries (
    upstream_id TEXT PRIMARY KEY,
    state       TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );

  -- An attempt at an outgoing webhook is taken by one instance at a time.
  ALTER TABLE webhook_deliveries ADD COLUMN attempt_lease_until TIMESTAMPTZ;

  -- rate-limiter-flexible's own table (RateLimiterPostgres), made here so instances never race to create it.
  CREATE TABLE rate_limits (
    key    VARCHAR(255) PRIMARY KEY,
    points INTEGER NOT NULL DEFAULT 0,
    expire BIGINT
  );
  `,
  // 8: edits, as SQLite's 7: input images by content, runs' inputs, uploads, the upstream's copies.
  `
  CREATE TABLE input_images (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    bytes        INTEGER NOT NULL,
    created_at   TEXT NOT NULL
  );
  CREATE TABLE prediction_inputs (
    prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    sha256        TEXT NOT NULL REFERENCES input_images (sha256),
    PRIMARY KEY (prediction_id, idx)
  );
  CREATE INDEX prediction_inputs_sha256 ON prediction_inputs (sha256);
  ALTER TABLE predictions ADD COLUMN edit_kind TEXT;
  ALTER TABLE predictions ADD COLUMN match_input INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE media_uploads (
    id           TEXT PRIMARY KEY,
    token_sha256 TEXT,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT REFERENCES input_images (sha256),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
  );
  CREATE INDEX media_uploads_sha256 ON media_uploads (sha256);
  CREATE INDEX media_uploads_expires_at ON media_uploads (expires_at);

  CREATE TABLE upstream_images (
    sha256     TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  // 9: where a run was asked for, as SQLite's 8: 'mcp' (an assistant), and the client's name.
  `
  ALTER TABLE predictions ADD COLUMN source TEXT;
  ALTER TABLE predictions ADD COLUMN source_client TEXT;
  `,
  // 10: owners' sessions, so the server can end one (sign-out) or all (sign out everywhere); the
  // sealed cookie carries only the id.
  `
  CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX sessions_expires_at ON sessions (expires_at);
  `,
  // 11: the line runs wait in for a place upstream, shared by every instance: an unsent run waits as
  // its row, unclaimed, in the order rows were written (not by any instance's clock); an instance
  // claims a run as it takes it (lib/runs/postgres-run-queue.ts).
  `
  ALTER TABLE predictions ADD COLUMN queue_seq BIGINT GENERATED BY DEFAULT AS IDENTITY;
  CREATE INDEX predictions_waiting ON predictions (queue_seq)
    WHERE status = 'created' AND submit_state = 'pending' AND claimed_by IS NULL;
  UPDATE predictions SET claimed_by = NULL, lease_until = NULL, holds_place = false
    WHERE status = 'created' AND submit_state = 'pending';
  `,
  // 12: the model of each run, [dev]'s parameters and each image's price in mills, as SQLite's 10.
  `
  ALTER TABLE predictions ADD COLUMN model_name TEXT NOT NULL DEFAULT 'pro';
  ALTER TABLE predictions ADD COLUMN size TEXT;
  ALTER TABLE predictions ADD COLUMN num_inference_steps INTEGER;
  ALTER TABLE predictions ADD COLUMN output_format TEXT;
  ALTER TABLE predictions ADD COLUMN safety_checker INTEGER;
  ALTER TABLE predictions ADD COLUMN image_price_mills INTEGER NOT NULL DEFAULT 0;
  UPDATE predictions SET image_price_mills = 40 WHERE engine = 'wavespeed';
  CREATE INDEX predictions_model_name ON predictions (model_name, created_at DESC, id DESC);

  ALTER TABLE image_totals ADD COLUMN mills BIGINT NOT NULL DEFAULT 0;
  UPDATE image_totals SET mills = images * 40 WHERE engine = 'wavespeed';
  CREATE OR REPLACE FUNCTION image_totals_output_added() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO image_totals (engine, images, mills)
      SELECT engine, 1, image_price_mills FROM predictions WHERE id = NEW.prediction_id
      ON CONFLICT (engine) DO UPDATE SET images = image_totals.images + 1, mills = image_totals.mills + excluded.mills;
    RETURN NEW;
  END $$;
  CREATE OR REPLACE FUNCTION image_totals_prediction_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE outputs INTEGER;
  BEGIN
    SELECT count(*) INTO outputs FROM prediction_outputs WHERE prediction_id = OLD.id;
    UPDATE image_totals SET images = images - outputs, mills = mills - OLD.image_price_mills * outputs
      WHERE engine = OLD.engine;
    RETURN OLD;
  END $$;

  ALTER TABLE spend_of_deleted ADD COLUMN mills BIGINT NOT NULL DEFAULT 0;
  UPDATE spend_of_deleted SET mills = images * 40 WHERE engine = 'wavespeed';
  CREATE OR REPLACE FUNCTION spend_of_deleted_kept() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE spent INTEGER;
  BEGIN
    spent := CASE
      WHEN OLD.status = 'completed' THEN (SELECT count(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
      WHEN OLD.status IN ('created', 'processing') AND OLD.submit_state <> 'pending' THEN OLD.num_images
      ELSE 0
    END;
    INSERT INTO spend_of_deleted (day, engine, images, mills)
      VALUES (substr(OLD.created_at, 1, 10), OLD.engine, spent, spent * OLD.image_price_mills)
      ON CONFLICT (day, engine) DO UPDATE
        SET images = spend_of_deleted.images + excluded.images, mills = spend_of_deleted.mills + excluded.mills;
    RETURN OLD;
  END $$;
  `,
];
