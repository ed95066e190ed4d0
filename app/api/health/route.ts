import { NextResponse } from "next/server";
import { getPredictions } from "@/lib/predictions";

export const dynamic = "force-dynamic";

export function GET() {
  const predictions = getPredictions();
  return NextResponse.json({
    ok: true,
    engine: predictions.engine.name,
    inFlight: predictions.tracker.inFlight,
    waiting: predictions.tracker.waiting,
  });
}
