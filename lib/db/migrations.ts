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
  // 2: image totals kept by triggers, so the history's cost total is one tiny read instead of a
  // join over every output; and the status filter's index ends in id, as the history orders by it.
  `
  CREATE TABLE image_totals (
    engine TEXT PRIMARY KEY,
    images INTEGER NOT NULL
  );
  INSERT INTO image_totals (engine, images)
    SELECT p.engine, COUNT(*) FROM prediction_outputs o JOIN predictions p ON p.id = o.prediction_id GROUP BY p.engine;

  -- An upsert that updates an existing output does not fire this; outputs are only inserted once.
  CREATE TRIGGER image_totals_output_added AFTER INSERT ON prediction_outputs BEGIN
    INSERT INTO image_totals (engine, images) SELECT engine, 1 FROM predictions WHERE id = NEW.prediction_id
      ON CONFLICT (engine) DO UPDATE SET images = images + 1;
  END;
  -- Outputs leave only with their prediction (ON DELETE CASCADE), so they are counted out here,
  -- before the cascade, while the prediction's engine can still be read.
  CREATE TRIGGER image_totals_prediction_deleted BEFORE DELETE ON predictions BEGIN
    UPDATE image_totals SET images = images - (SELECT COUNT(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
      WHERE engine = OLD.engine;
  END;

  DROP INDEX predictions_status_created_at;
  CREATE INDEX predictions_status_created_at_id ON predictions (status, created_at DESC, id DESC);
  `,
  // 3: what deleted predictions had cost, by UTC day of creation, so deleting a run does not
  // give its money back to the daily budget. Unfinished ones count once sent upstream.
  `
  CREATE TABLE spend_of_deleted (
    day    TEXT NOT NULL,
    engine TEXT NOT NULL,
    images INTEGER NOT NULL,
    PRIMARY KEY (day, engine)
  );
  CREATE TRIGGER spend_of_deleted_kept BEFORE DELETE ON predictions BEGIN
    INSERT INTO spend_of_deleted (day, engine, images)
      SELECT substr(OLD.created_at, 1, 10), OLD.engine,
        CASE
          WHEN OLD.status = 'completed' THEN (SELECT COUNT(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
          WHEN OLD.status IN ('created', 'processing') AND OLD.submit_state <> 'pending' THEN OLD.num_images
          ELSE 0
        END
      WHERE true
      ON CONFLICT (day, engine) DO UPDATE SET images = images + excluded.images;
  END;
  `,
  // 4: the served contract's options kept with each prediction, and outgoing webhooks with their attempts.
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
  // 5: lineage (parent, what changed, thread), a note per run, a star per image, and sweeps whose
  // cells are ordinary predictions. Parents and sweeps are named by id without foreign keys:
  // deleting a parent leaves its children whole (the pages show it as gone).
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
  // 6: Idempotency-Key of a submit, kept with the prediction it made; it goes when the prediction goes.
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
  // 7: edits. A run's input images are kept by content (sha256) in input_images and named per run in
  // prediction_inputs, so a chain stores each picture once and an image goes only when no run and no
  // live upload uses it. media_uploads: files sent to the upload endpoints (a ticket until its PUT
  // arrives). upstream_images: where WaveSpeed already holds a picture, for its 7-day retention.
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
  // 8: where a run was asked for outside the playground's pages: 'mcp' (an assistant), and the client's name.
  `
  ALTER TABLE predictions ADD COLUMN source TEXT;
  ALTER TABLE predictions ADD COLUMN source_client TEXT;
  `,
  // 9: owners' sessions, so the server can end one (sign-out) or all (sign out everywhere); the
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
  // 10: the model of the family each run is for (every earlier run was [pro]), [dev]'s own
  // parameters, and what one image of the run costs, in mills (thousandths of a dollar), fixed when
  // it is made: the running total and the daily budget add those up, so a run on [max] counts
  // twice a [pro] one. Earlier WaveSpeed runs cost $0.04 an image.
  `
  ALTER TABLE predictions ADD COLUMN model_name TEXT NOT NULL DEFAULT 'pro';
  ALTER TABLE predictions ADD COLUMN size TEXT;
  ALTER TABLE predictions ADD COLUMN num_inference_steps INTEGER;
  ALTER TABLE predictions ADD COLUMN output_format TEXT;
  ALTER TABLE predictions ADD COLUMN safety_checker INTEGER;
  ALTER TABLE predictions ADD COLUMN image_price_mills INTEGER NOT NULL DEFAULT 0;
  UPDATE predictions SET image_price_mills = 40 WHERE engine = 'wavespeed';
  CREATE INDEX predictions_model_name ON predictions (model_name, created_at DESC, id DESC);

  ALTER TABLE image_totals ADD COLUMN mills INTEGER NOT NULL DEFAULT 0;
  UPDATE image_totals SET mills = images * 40 WHERE engine = 'wavespeed';
  DROP TRIGGER image_totals_output_added;
  CREATE TRIGGER image_totals_output_added AFTER INSERT ON prediction_outputs BEGIN
    INSERT INTO image_totals (engine, images, mills)
      SELECT engine, 1, image_price_mills FROM predictions WHERE id = NEW.prediction_id
      ON CONFLICT (engine) DO UPDATE SET images = images + 1, mills = mills + excluded.mills;
  END;
  DROP TRIGGER image_totals_prediction_deleted;
  CREATE TRIGGER image_totals_prediction_deleted BEFORE DELETE ON predictions BEGIN
    UPDATE image_totals
      SET images = images - (SELECT COUNT(*) FROM prediction_outputs WHERE prediction_id = OLD.id),
        mills = mills - OLD.image_price_mills * (SELECT COUNT(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
      WHERE engine = OLD.engine;
  END;

  ALTER TABLE spend_of_deleted ADD COLUMN mills INTEGER NOT NULL DEFAULT 0;
  UPDATE spend_of_deleted SET mills = images * 40 WHERE engine = 'wavespeed';
  DROP TRIGGER spend_of_deleted_kept;
  CREATE TRIGGER spend_of_deleted_kept BEFORE DELETE ON predictions BEGIN
    INSERT INTO spend_of_deleted (day, engine, images, mills)
      SELECT day, engine, images, images * price FROM (
        SELECT substr(OLD.created_at, 1, 10) AS day, OLD.engine AS engine, OLD.image_price_mills AS price,
          CASE
            WHEN OLD.status = 'completed' THEN (SELECT COUNT(*) FROM prediction_outputs WHERE prediction_id = OLD.id)
            WHEN OLD.status IN ('created', 'processing') AND OLD.submit_state <> 'pending' THEN OLD.num_images
            ELSE 0
          END AS images
      ) WHERE true
      ON CONFLICT (day, engine) DO UPDATE SET images = images + excluded.images, mills = mills + excluded.mills;
  END;
  `,
];
