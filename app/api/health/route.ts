import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Liveness for monitors and guests (`{"ok":true}`); the owner also gets the engine, the runs in
 * flight, memory, event-loop delay and event-stream figures, which say how busy the server is and
 * are nobody else's to read. `?reset` (the owner's) starts a new event-loop-delay window.
 */
export async function GET(request: Request) {
  if (!callerFrom(request.headers)) return NextResponse.json({ ok: true }, { headers: NO_STORE });
  const { predictions, eventStreams } = getServices();
  const health = await predictions.health({ reset: new URL(request.url).searchParams.has("reset") });
  const streams = { eventClients: eventStreams.count, eventBufferedBytes: eventStreams.bufferedBytes };
  return NextResponse.json({ ...health, ...streams }, { headers: NO_STORE });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
