import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers and orchestrators (/api/health is liveness): 200 `{"ready":true}`, or
 * 503 with the reasons while the server stops, its database migrates, or a store cannot be reached.
 */
export async function GET() {
  const readiness = await getServices().readiness.check();
  return NextResponse.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
