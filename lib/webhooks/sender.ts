import "server-only";
import type { WebhookPayload } from "../contract";
import type { PredictionRepo } from "../db/prediction-repo";
import type { WebhookDeliveryRepo } from "../db/webhook-delivery-repo";
import {
  type DeliveryAttempt,
  isOpenDelivery,
  isTerminal,
  newPredictionId,
  type PredictionRecord,
  type WebhookDelivery,
} from "../domain";
import { signWebhook } from "../engines/wavespeed/signature";
import type { EventBus } from "../events/event-bus";
import { log } from "../log";
import { guardedRequest } from "../net/pinned-request";
import { checkTarget, type TargetPolicy, TargetRefused } from "../net/target-guard";
import { type DeliveryRetryPolicy, nextDeliveryTry, parseRetryAfter } from "../retry";

export type WebhookSenderConfig = {
  /** Signs every delivery, as WaveSpeed signs its own (lib/engines/wavespeed/signature.ts). */
  secret: string;
  targets: TargetPolicy;
  retry: DeliveryRetryPolicy;
  /** Time a receiver has to answer one attempt. */
  timeoutMs: number;
  now?: () => number;
};

/** `payload`: the body a receiver gets for a run (the served contract's task object, built where its views are). */
type Deps = {
  deliveries: WebhookDeliveryRepo;
  predictions: PredictionRepo;
  events: EventBus;
  payload: (record: PredictionRecord, baseUrl: string) => WebhookPayload;
};

/** What one POST came to. */
type PostResult =
  | { ok: true; httpStatus: number }
  | { ok: false; httpStatus: number | null; error: string; retryAfterMs?: number };

/**
 * Outgoing webhooks: when a prediction that asked for one ends, its final state is POSTed,
 * signed, to the URL its submit named. Deliveries are stored first and every attempt is
 * recorded, so a failed one is retried with backoff (lib/retry.ts) for the retry window,
 * also across restarts.
 */
export class WebhookSender {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sending = new Set<string>();
  private unsubscribe?: () => void;
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly deps: Deps,
    private readonly config: WebhookSenderConfig,
  ) {
    this.now = config.now ?? Date.now;
  }

  /** Deliveries with an attempt under way or a retry waiting for its time: none once every delivery has ended. */
  get pending(): number {
    return this.timers.size + this.sending.size;
  }

  /** What receivers verify signatures with. */
  get secret(): string {
    return this.config.secret;
  }

  /** Throws TargetRefused when the URL may not be a webhook target: checked at submit time. */
  async check(url: string): Promise<void> {
    await checkTarget(url, this.config.targets);
  }

  /** Stores a delivery for a prediction; call it before the prediction can end. */
  register(predictionId: string, url: string, baseUrl: string): Promise<WebhookDelivery> {
    const createdAt = new Date(this.now()).toISOString();
    return this.deps.deliveries.create({ id: newPredictionId(), predictionId, url, baseUrl, createdAt });
  }

  /** Listens for predictions that end, and picks up what a previous process left open; returns how many. */
  async start(): Promise<number> {
    this.unsubscribe ??= this.deps.events.subscribe((event) => {
      if (event.type === "updated" && isTerminal(event.record.status)) void this.deliverWaiting(event.record.id);
    });
    const open = await this.deps.deliveries.listOpen();
    for (const delivery of open) {
      if (delivery.state === "retrying") this.schedule(delivery);
      else if (isTerminal((await this.deps.predictions.getStatus(delivery.predictionId)) ?? "created")) {
        void this.attempt(delivery.id);
      }
    }
    return open.length;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async deliverWaiting(predictionId: string): Promise<void> {
    const deliveries = await this.deps.deliveries.listForPrediction(predictionId);
    await Promise.all(deliveries.filter((delivery) => delivery.state === "waiting").map((delivery) => this.attempt(delivery.id)));
  }

  private schedule(delivery: WebhookDelivery): void {
    if (this.stopped) return;
    const dueIn = Math.max(0, Date.parse(delivery.nextAttemptAt ?? "") - this.now() || 0);
    clearTimeout(this.timers.get(delivery.id));
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      void this.attempt(delivery.id);
    }, dueIn);
    // A pending retry must not keep a stopping process alive; the next start picks it up.
    timer.unref();
    this.timers.set(delivery.id, timer);
  }

  /** One attempt, by one process: every instance hears a prediction end, only one may post for it. */
  private async attempt(id: string): Promise<void> {
    if (this.stopped || this.sending.has(id)) return;
    this.sending.add(id);
    try {
      if (!(await this.deps.deliveries.takeForAttempt(id, this.config.timeoutMs * 3))) return;
      await this.attemptOnce(id).finally(() => this.deps.deliveries.releaseAttempt(id));
    } catch (error) {
      log.error("a webhook delivery could not be attempted", { delivery: id, error: String(error) });
    } finally {
      this.sending.delete(id);
    }
  }

  private async attemptOnce(id: string): Promise<void> {
    const delivery = await this.deps.deliveries.get(id);
    if (!delivery || !isOpenDelivery(delivery.state)) return;
    const record = await this.deps.predictions.get(delivery.predictionId);
    if (!record || !isTerminal(record.status)) return;

    const result = await this.post(delivery, JSON.stringify(this.deps.payload(record, delivery.baseUrl)));
    const now = this.now();
    const at = new Date(now).toISOString();
    if (result.ok) {
      await this.deps.deliveries.recordAttempt(id, {
        outcome: "delivered",
        at,
        httpStatus: result.httpStatus,
        error: "",
        nextAttemptAt: null,
      });
      return;
    }
    const windowStart = delivery.firstAttemptAt ? Date.parse(delivery.firstAttemptAt) : now;
    const msLeft = windowStart + this.config.retry.windowMs - now;
    const delay = nextDeliveryTry(delivery.attempts + 1, result, this.config.retry, msLeft);
    const attempt: DeliveryAttempt =
      delay === undefined
        ? { outcome: "failed", at, httpStatus: result.httpStatus, error: result.error, nextAttemptAt: null }
        : {
            outcome: "retrying",
            at,
            httpStatus: result.httpStatus,
            error: result.error,
            nextAttemptAt: new Date(now + delay).toISOString(),
          };
    const recorded = await this.deps.deliveries.recordAttempt(id, attempt);
    const host = safeHost(delivery.url);
    if (delay === undefined) log.warn("a webhook delivery was given up", { delivery: id, host, error: result.error });
    else log.info("a webhook delivery failed; retrying", { delivery: id, host, error: result.error, retryInMs: delay });
    if (recorded?.state === "retrying") this.schedule(recorded);
  }

  private async post(delivery: WebhookDelivery, body: string): Promise<PostResult> {
    const headers = {
      "content-type": "application/json",
      "user-agent": "kontext-playground-webhooks",
      // The id stays the same across retries, so a receiver can drop a repeat.
      ...signWebhook(this.config.secret, `wh_${delivery.id}`, body, this.now()),
    };
    try {
      const response = await guardedRequest(
        delivery.url,
        { method: "POST", headers, body, timeoutMs: this.config.timeoutMs, maxBodyBytes: 4096 },
        this.config.targets,
      );
      const httpStatus = response.status;
      if (httpStatus >= 200 && httpStatus < 300) return { ok: true, httpStatus };
      const retryAfter = response.headers["retry-after"];
      const error =
        httpStatus >= 300 && httpStatus < 400
          ? `the receiver answered a redirect (HTTP ${httpStatus}), which webhooks do not follow`
          : `the receiver answered HTTP ${httpStatus}`;
      return {
        ok: false,
        httpStatus,
        error,
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        httpStatus: null,
        error: error instanceof TargetRefused ? `the target was refused: ${reason}` : reason,
      };
    }
  }
}

/** The receiver's host, for logs: a webhook URL may carry a token in its path or query. */
function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
