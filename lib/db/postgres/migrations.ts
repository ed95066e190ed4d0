/**
 * The Postgres schema: the same tables and meanings as the SQLite one (lib/db/migrations.ts),
 * in Postgres's dialect. Each entry runs once, in order, in a transaction, under an advisory lock
 * (client.ts); schema_migrations records how far a database has come.
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
    -- ISO 8601 text, as in SQLite: it sorts as time and reads back exactly as written.
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
    nsfw          BOOLEAN NOT NULL DEFAULT false,
    source_url    TEXT,
    PRIMARY KEY (prediction_id, idx)
  );

  -- Image totals kept by triggers, as in SQLite: the history's cost total is one tiny read.
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
];
