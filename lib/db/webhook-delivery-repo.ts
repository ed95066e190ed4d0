import type { DeliveryAttempt, NewWebhookDelivery, WebhookDelivery } from "../domain";

/**
 * Where outgoing webhook deliveries are kept, so a retry survives a restart. SQLite today
 * (sqlite-webhook-delivery-repo.ts), in the same database as the predictions; any other
 * implementation must pass the same contract suite (testing/contracts/webhook-delivery-repo.ts).
 * A delivery belongs to its prediction and goes when the prediction is deleted.
 */
export interface WebhookDeliveryRepo {
  /** Stores a new delivery, `waiting` for its prediction to end; returns it as a read would. */
  create(delivery: NewWebhookDelivery): Promise<WebhookDelivery>;
  get(id: string): Promise<WebhookDelivery | undefined>;
  /** A prediction's deliveries, oldest first. */
  listForPrediction(predictionId: string): Promise<WebhookDelivery[]>;
  /** Every delivery still `waiting` or `retrying`, oldest first: what a restarted process picks up. */
  listOpen(): Promise<WebhookDelivery[]>;
  /**
   * Records one attempt: counts it, starts the retry window on the first, and moves the state.
   * Only an open delivery takes an attempt; undefined when it is gone or already finished.
   */
  recordAttempt(id: string, attempt: DeliveryAttempt): Promise<WebhookDelivery | undefined>;
  /**
   * Takes an open delivery for one attempt, for at most `leaseMs`: false while another caller (another
   * instance, with several) holds it, or when it is not open. Recording the attempt, or
   * `releaseAttempt`, lets it go.
   */
  takeForAttempt(id: string, leaseMs: number): Promise<boolean>;
  releaseAttempt(id: string): Promise<void>;
  close(): Promise<void>;
}
