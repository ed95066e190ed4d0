/**
 * One outgoing webhook: the final state of a prediction, POSTed to the URL its submit named.
 * waiting: the prediction has not ended; retrying: an attempt failed and another is due;
 * delivered: a 2xx came back; failed: given up (the retry window closed).
 */
export const DELIVERY_STATES = ["waiting", "retrying", "delivered", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const isOpenDelivery = (state: DeliveryState) => state === "waiting" || state === "retrying";

export type WebhookDelivery = {
  id: string;
  predictionId: string;
  /** Where to POST. */
  url: string;
  /** The base of the links in the payload (outputs, urls.get), as the submit saw it. */
  baseUrl: string;
  state: DeliveryState;
  attempts: number;
  /** When the next attempt is due (retrying only). */
  nextAttemptAt: string | null;
  /** The receiver's HTTP status on the last attempt; null when none came back. */
  lastStatus: number | null;
  lastError: string;
  createdAt: string;
  /** The start of the retry window. */
  firstAttemptAt: string | null;
  finishedAt: string | null;
};

export type NewWebhookDelivery = Pick<WebhookDelivery, "id" | "predictionId" | "url" | "baseUrl" | "createdAt">;

/** What one attempt came to, and what follows from it. */
export type DeliveryAttempt = {
  outcome: "delivered" | "retrying" | "failed";
  at: string;
  httpStatus: number | null;
  error: string;
  nextAttemptAt: string | null;
};
