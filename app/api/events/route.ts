import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Server-sent events: every prediction change, the moment the server knows it. */
export const GET = withErrors(async (request) => {
  const stream = getServices().eventStreams.connect(requestBaseUrl(request.headers), request.signal);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
