import "server-only";
import type { Tracer } from "@opentelemetry/api";
import type { WebhookDeliveryRepo } from "../db/webhook-delivery-repo";
import type { BlobStore } from "../storage/blob-store";
import type { SpaceReserve } from "../storage/space-reserve";
import type { OperatorMetrics } from "./operator-metrics";
import { traced } from "./spans";

type AsyncMethod = (...args: never[]) => Promise<unknown>;
type AsyncMethodsOf<T> = { [K in keyof T]: T[K] extends AsyncMethod ? K : never }[keyof T] & string;

/**
 * `target` with some methods replaced; every other property reads through to it, its methods bound
 * to it (a class's private state stays reachable). The target itself is left as it is.
 */
export function withMethods<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof T];
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/** `target` with the named writes timed into kontext_store_write_duration_seconds, each in a span when tracing. */
export function timedWrites<T extends object>(
  target: T,
  store: string,
  writes: readonly AsyncMethodsOf<T>[],
  deps: { metrics: OperatorMetrics; tracer?: Tracer },
): T {
  const replaced: Partial<Record<string, AsyncMethod>> = {};
  for (const operation of writes) {
    const write = (target[operation] as AsyncMethod).bind(target);
    replaced[operation] = (...args) => {
      const stop = deps.metrics.storeWriteSeconds.startTimer({ store, operation });
      const attributes = { "kontext.store": store, "kontext.store.operation": operation };
      return traced(deps.tracer, `store ${store} ${operation}`, attributes, () => write(...args)).finally(() => stop());
    };
  }
  return withMethods(target, replaced as Partial<T>);
}

/** The writes of a blob store: a put is an image, a thumbnail, a grid or a card written whole. */
export const BLOB_WRITES = ["put", "deletePrefix"] as const satisfies readonly AsyncMethodsOf<BlobStore>[];

/** Each attempt's outcome counted once it is recorded (by the instance that made it). */
export function countedDeliveries(deliveries: WebhookDeliveryRepo, metrics: OperatorMetrics): WebhookDeliveryRepo {
  return withMethods(deliveries, {
    recordAttempt: async (id, attempt) => {
      const recorded = await deliveries.recordAttempt(id, attempt);
      if (recorded) metrics.webhookDeliveries.inc({ outcome: attempt.outcome });
      return recorded;
    },
  });
}

/** The reserve, its state (held or given up) shown as kontext_disk_reserve_held. */
export function watchedReserve(reserve: SpaceReserve, metrics: OperatorMetrics): SpaceReserve {
  return {
    release: async () => {
      const released = await reserve.release();
      if (released) metrics.reserveHeld.set(0);
      return released;
    },
    refill: async () => {
      const held = await reserve.refill();
      metrics.reserveHeld.set(held ? 1 : 0);
      return held;
    },
  };
}
