import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/** Liveness for tests and monitors; `?reset` starts a new event-loop-delay window. */
export function GET(request: Request) {
  const { predictions, eventStreams } = getServices();
  const health = predictions.health({ reset: new URL(request.url).searchParams.has("reset") });
  const streams = { eventClients: eventStreams.count, eventBufferedBytes: eventStreams.bufferedBytes };
  return NextResponse.json({ ...health, ...streams }, { headers: { "Cache-Control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
