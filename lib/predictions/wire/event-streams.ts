import "server-only";
import { AppError } from "../../errors";
import type { EventListener, PredictionEvent } from "../../events/event-bus";
import { log } from "../../log";
import { DELETED_EVENT, PREDICTION_EVENT, RESYNC_EVENT } from "../../playground-api";
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

type Client = {
  baseUrl: string;
  send(bytes: Uint8Array): void;
  /** Bytes queued for it and not yet taken by its connection. */
  unread(): number;
};

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");
const HELLO = encoder.encode("retry: 2000\n: connected\n\n");

/**
 * The server-sent event streams of /api/events: every prediction change, the moment the server knows
 * it. Each event is written once per base URL and the same bytes go to every client. A client that
 * stops reading is dropped once `maxBufferedBytes` wait for it, so a stalled connection costs a
 * bounded amount of memory, and the number of streams is bounded too.
 */
export class EventStreams {
  private readonly clients = new Set<Client>();
  private unsubscribe?: () => void;

  constructor(
    private readonly subscribe: (listener: EventListener) => () => void,
    private readonly limits: EventStreamLimits,
  ) {}

  /** Streams open now. */
  get count(): number {
    return this.clients.size;
  }

  /** Bytes queued for clients that have not read them yet: at most about `count × maxBufferedBytes`. */
  get bufferedBytes(): number {
    let total = 0;
    for (const client of this.clients) total += client.unread();
    return total;
  }

  /** A `text/event-stream` body for one client; it ends when `signal` aborts or the client falls too far behind. */
  connect(baseUrl: string, signal: AbortSignal): ReadableStream<Uint8Array> {
    if (this.clients.size >= this.limits.maxClients) {
      throw new AppError(
        "server_busy",
        `This server already streams events to ${this.limits.maxClients} clients (SSE_MAX_CLIENTS); try again shortly.`,
        undefined,
        { retryAfterSeconds: RETRY_AFTER_S },
      );
    }
    let end: (reason?: Error) => void = () => {};
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          let ended = false;
          const client: Client = {
            baseUrl,
            unread: () => Math.max(0, this.limits.maxBufferedBytes - (controller.desiredSize ?? this.limits.maxBufferedBytes)),
            send: (bytes) => {
              if (ended) return;
              controller.enqueue(bytes);
              // desiredSize is the cap less what waits unread: below zero, the client is not keeping up.
              if ((controller.desiredSize ?? 0) >= 0) return;
              log.info("dropped an event stream client that stopped reading", { unreadBytes: client.unread() });
              end(new DOMException("the client fell too far behind", "AbortError"));
            },
          };
          const heartbeat = setInterval(() => client.send(HEARTBEAT), this.limits.heartbeatMs);
          const onAbort = () => end();
          end = (reason) => {
            if (ended) return;
            ended = true;
            clearInterval(heartbeat);
            signal.removeEventListener("abort", onAbort);
            this.leave(client);
            // An error drops whatever is queued at once; closing would keep it until read.
            if (reason) controller.error(reason);
            else {
              try {
                controller.close();
              } catch {}
            }
          };
          this.join(client);
          signal.addEventListener("abort", onAbort);
          client.send(HELLO);
          if (signal.aborted) end();
        },
        cancel: () => end(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: this.limits.maxBufferedBytes }),
    );
  }

  private join(client: Client): void {
    this.clients.add(client);
    this.unsubscribe ??= this.subscribe((event) => this.fanOut(event));
  }

  private leave(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private fanOut(event: PredictionEvent): void {
    const written = new Map<string, Uint8Array>();
    for (const client of [...this.clients]) {
      let bytes = written.get(client.baseUrl);
      if (!bytes) {
        bytes = encoder.encode(format(event, client.baseUrl));
        written.set(client.baseUrl, bytes);
      }
      client.send(bytes);
    }
  }
}

function format(event: PredictionEvent, baseUrl: string): string {
  if (event.type === "deleted") return `event: ${DELETED_EVENT}\ndata: ${JSON.stringify({ id: event.id })}\n\n`;
  if (event.type === "resync") return `event: ${RESYNC_EVENT}\ndata: {}\n\n`;
  return `event: ${PREDICTION_EVENT}\ndata: ${JSON.stringify(toView(event.record, baseUrl))}\n\n`;
}
