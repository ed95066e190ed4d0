import { NextResponse } from "next/server";
import { readMetrics } from "@/lib/metrics";
import { getPredictions } from "@/lib/predictions";

export const dynamic = "force-dynamic";

/** Liveness for tests and monitors; `?reset` starts a new event-loop-delay window. */
export function GET(request: Request) {
  const predictions = getPredictions();
  return NextResponse.json(
    {
      ok: true,
      engine: predictions.engine.name,
      inFlight: predictions.tracker.inFlight,
      waiting: predictions.tracker.waiting,
      ...readMetrics({ reset: new URL(request.url).searchParams.has("reset") }),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
