import "server-only";
import type { DeliveryAttempt, DeliveryState, WebhookDelivery } from "../domain";

/** The SQL shape of a webhook delivery, its statements (SQLite and Postgres alike), and its mapping. */
export type DeliveryRow = {
  id: string;
  prediction_id: string;
  url: string;
  base_url: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string;
  created_at: string;
  first_attempt_at: string | null;
  finished_at: string | null;
};

export const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  predictionId: row.prediction_id,
  url: row.url,
  baseUrl: row.base_url,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: row.created_at,
  firstAttemptAt: row.first_attempt_at,
  finishedAt: row.finished_at,
});

export const INSERT_DELIVERY = `INSERT INTO webhook_deliveries (id, prediction_id, url, base_url, state, created_at)
  VALUES (@id, @predictionId, @url, @baseUrl, 'waiting', @createdAt)`;

/** Only an open delivery takes an attempt. */
export const RECORD_ATTEMPT = `UPDATE webhook_deliveries SET state = @outcome, attempts = attempts + 1, last_status = @httpStatus,
    last_error = @error, next_attempt_at = @nextAttemptAt, first_attempt_at = COALESCE(first_attempt_at, @at),
    finished_at = @finishedAt
  WHERE id = @id AND state IN ('waiting', 'retrying')`;

export function attemptParams(id: string, attempt: DeliveryAttempt) {
  const finished = attempt.outcome !== "retrying";
  return {
    id,
    outcome: attempt.outcome,
    httpStatus: attempt.httpStatus,
    error: attempt.error,
    nextAttemptAt: finished ? null : attempt.nextAttemptAt,
    at: attempt.at,
    finishedAt: finished ? attempt.at : null,
  };
}
