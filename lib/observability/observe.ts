import "server-only";
import type { Tracer } from "@opentelemetry/api";
import type { PredictionRepo } from "../db/prediction-repo";
import type { Engine, WebhookInbox } from "../engines/types";
import type { PredictionStores } from "../predictions/build";
import { observedEngine, observedInbox } from "./observed-engine";
import { OperatorMetrics } from "./operator-metrics";
import { countingRunEndings } from "./run-events";
import { BLOB_WRITES, countedDeliveries, timedWrites, watchedReserve } from "./store-watch";
import { UpstreamWatch } from "./upstream-watch";

/** The repo's writes: a new run, its moves, its ending with its outputs, a note, a star, a delete. */
const RUN_WRITES = [
  "create",
  "createOnce",
  "update",
  "complete",
  "delete",
  "setNote",
  "setStar",
] as const satisfies readonly (keyof PredictionRepo)[];

/**
 * Everything /metrics reports and tracing sees, gathered from outside the parts that do the work:
 * decorators around the engine, the webhook inbox and the stores, and a watch on the event bus.
 * The composition root puts them in place before it builds the services.
 */
export class Observation {
  readonly metrics = new OperatorMetrics();
  readonly upstream: UpstreamWatch;

  /** `tracer`: given when tracing is on; without it no span is made. */
  constructor(readonly tracer?: Tracer) {
    this.upstream = new UpstreamWatch(this.metrics, tracer);
  }

  engine(engine: Engine): Engine {
    return observedEngine(engine, this.upstream);
  }

  inbox(inbox: WebhookInbox | undefined): WebhookInbox | undefined {
    return inbox && observedInbox(inbox, this.upstream);
  }

  stores<S extends PredictionStores>(stores: S): S {
    const deps = { metrics: this.metrics, tracer: this.tracer };
    const blobs = (store: PredictionStores["blobs"], name: string) => timedWrites(store, name, BLOB_WRITES, deps);
    return {
      ...stores,
      repo: timedWrites(stores.repo, "database", RUN_WRITES, deps),
      blobs: blobs(stores.blobs, "images"),
      inputBlobs: blobs(stores.inputBlobs, "inputs"),
      thumbnailBlobs: blobs(stores.thumbnailBlobs, "thumbnails"),
      gridBlobs: blobs(stores.gridBlobs, "grids"),
      cardBlobs: blobs(stores.cardBlobs, "cards"),
      deliveries: countedDeliveries(stores.deliveries, this.metrics),
      reserve: stores.reserve && watchedReserve(stores.reserve, this.metrics),
      events: countingRunEndings(stores.events, { metrics: this.metrics, upstream: this.upstream, tracer: this.tracer }),
    };
  }
}
