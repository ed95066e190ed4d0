import "server-only";
import { AppError } from "../errors";
import type { EventListener } from "../events/event-bus";
import { log } from "../log";
import { DELETED_EVENT, PREDICTION_EVENT } from "../playground-api";
import { toView } from "./views";

export type EventStreamLimits = {
  /** Streams open at once; past it a new one is refused with 503 and Retry-After. */
  maxClients: number;
  /** Bytes one client may leave unread; past it the client is dropped, reconnects and refetches. */
  maxBufferedBytes: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
};

/** What a refused client is told to wait before trying again, in seconds. */
const RETRY_AFTER_S = 10;

/**
 * The server-sent event streams of /api/events: every prediction change, the moment the server knows
 * it. A client that stops reading is dropped once `maxBufferedBytes` wait for it, so a stalled
 * connection costs a bounded amount of memory, and the number of streams is bounded too.
 */
export class EventStreams {
  /** Each open stream's count of bytes queued and not yet taken by its connection. */
  private readonly unread = new Set<() => number>();

  constructor(
    private readonly subscribe: (listener: EventListener) => () => void,
    private readonly limits: EventStreamLimits,
  ) {}

  /** Streams open now. */
  get clients(): number {
    return this.unread.size;
  }

  /** Bytes held for clients that have not read them yet: at most about `clients × maxBufferedBytes`. */
  get bufferedBytes(): number {
    let total = 0;
    for (const unread of this.unread) total += unread();
    return total;
  }

  /** A `text/event-stream` body for one client; it ends when `signal` aborts or the client falls too far behind. */
  connect(baseUrl: string, signal: AbortSignal): ReadableStream<Uint8Array> {
    if (this.unread.size >= this.limits.maxClients) {
      throw new AppError(
        "server_busy",
        `This server already streams events to ${this.limits.maxClients} clients (SSE_MAX_CLIENTS); try again shortly.`,
        undefined,
        { "Retry-After": String(RETRY_AFTER_S) },
      );
    }
    const encoder = new TextEncoder();
    let end: (reason?: Error) => void = () => {};
    // Counted from here, not from `start`, so concurrent connects cannot pass the limit together.
    let unread = () => 0;
    const counted = () => unread();
    this.unread.add(counted);

    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          let ended = false;
          unread = () => Math.max(0, this.limits.maxBufferedBytes - (controller.desiredSize ?? this.limits.maxBufferedBytes));
          const send = (text: string) => {
            if (ended) return;
            controller.enqueue(encoder.encode(text));
            // desiredSize is the cap less what waits unread: below zero, the client is not keeping up.
            if ((controller.desiredSize ?? 0) < 0) {
              log.info("dropped an event stream client that stopped reading", {
                unreadBytes: -controller.desiredSize! + this.limits.maxBufferedBytes,
              });
              end(new DOMException("the client fell too far behind", "AbortError"));
            }
          };
          const unsubscribe = this.subscribe((event) => {
            if (event.type === "deleted") send(`event: ${DELETED_EVENT}\ndata: ${JSON.stringify({ id: event.id })}\n\n`);
            else send(`event: ${PREDICTION_EVENT}\ndata: ${JSON.stringify(toView(event.record, baseUrl))}\n\n`);
          });
          const heartbeat = setInterval(() => send(`: heartbeat\n\n`), this.limits.heartbeatMs);
          const onAbort = () => end();
          end = (reason) => {
            if (ended) return;
            ended = true;
            this.unread.delete(counted);
            clearInterval(heartbeat);
            unsubscribe();
            signal.removeEventListener("abort", onAbort);
            // An error drops whatever is queued at once; closing would keep it until read.
            if (reason) controller.error(reason);
            else {
              try {
                controller.close();
              } catch {}
            }
          };
          signal.addEventListener("abort", onAbort);
          send(`retry: 2000\n: connected\n\n`);
          if (signal.aborted) end();
        },
        cancel: () => end(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: this.limits.maxBufferedBytes }),
    );
  }
}
