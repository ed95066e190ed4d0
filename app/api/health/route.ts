import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";

export const dynamic = "force-dynamic";

/** Liveness for tests and monitors; `?reset` starts a new event-loop-delay window. */
export function GET(request: Request) {
  const health = getServices().predictions.health({ reset: new URL(request.url).searchParams.has("reset") });
  return NextResponse.json(health, { headers: { "Cache-Control": "no-store" } });
}
