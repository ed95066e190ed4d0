/**
 * The statements both dialects run (`@name` parameters; PostgreSQL takes them through `positional`).
 * `candidate`: finished, old, unstarred runs without a note. `kept_ancestor`: every ancestor of a run
 * that is not a candidate, found by walking parent ids upward; UNION drops repeats, so even an
 * imported cycle ends. A run expires when it is a candidate and no kept run descends from it.
 */
const KEPT_WALK = `
  WITH RECURSIVE
    candidate (id) AS (
      SELECT p.id FROM predictions p
      WHERE p.created_at < @before AND p.status IN ('completed', 'failed') AND p.note = ''
        AND NOT EXISTS (SELECT 1 FROM prediction_outputs o WHERE o.prediction_id = p.id AND o.starred = 1)
    ),
    kept_ancestor (id) AS (
      SELECT k.parent_id FROM predictions k WHERE k.parent_id IS NOT NULL AND k.id NOT IN (SELECT id FROM candidate)
      UNION
      SELECT p.parent_id FROM predictions p JOIN kept_ancestor a ON p.id = a.id WHERE p.parent_id IS NOT NULL
    )`;

export const EXPIRED_RUNS = `${KEPT_WALK}
  SELECT p.id FROM predictions p JOIN candidate c ON c.id = p.id
  WHERE p.id NOT IN (SELECT id FROM kept_ancestor)
  ORDER BY p.created_at, p.id LIMIT @limit`;

export const RETENTION_OUTLOOK = `${KEPT_WALK}
  SELECT
    (SELECT COUNT(*) FROM candidate c WHERE c.id NOT IN (SELECT id FROM kept_ancestor)) AS expired,
    (SELECT COUNT(*) FROM predictions p WHERE p.created_at < @before AND p.status IN ('completed', 'failed')) AS finished`;

export const RECORDED_BYTES = `SELECT
  COALESCE((SELECT SUM(bytes) FROM prediction_outputs), 0) + COALESCE((SELECT SUM(bytes) FROM input_images), 0) AS bytes`;

export type OutlookRow = { expired: number; finished: number };
