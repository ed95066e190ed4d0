import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { DELETED_EVENT, PREDICTION_EVENT, RESYNC_EVENT } from "@/lib/playground-api";
import { toView } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/** Server-sent events: every prediction change, the moment the server knows it. */
export function GET(request: Request) {
  const { predictions } = getServices();
  const baseUrl = requestBaseUrl(request.headers);
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 2000\n: connected\n\n`);
      const unsubscribe = predictions.subscribe((event) => {
        if (event.type === "deleted") send(`event: ${DELETED_EVENT}\ndata: ${JSON.stringify({ id: event.id })}\n\n`);
        else if (event.type === "resync") send(`event: ${RESYNC_EVENT}\ndata: {}\n\n`);
        else send(`event: ${PREDICTION_EVENT}\ndata: ${JSON.stringify(toView(event.record, baseUrl))}\n\n`);
      });
      const heartbeat = setInterval(() => send(`: heartbeat\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {}
      });
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
