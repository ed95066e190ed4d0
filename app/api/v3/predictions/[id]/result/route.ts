import { NextResponse } from "next/server";
import { requestBaseUrl } from "@/lib/http/base-url";
import { withErrors } from "@/lib/http/respond";
import { getPredictions } from "@/lib/predictions";
import { toEnvelope } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

/** The task's current state, answered from our own store. */
export const GET = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const record = getPredictions().get(id);
  return NextResponse.json(toEnvelope(record, requestBaseUrl(request.headers)), {
    headers: { "Cache-Control": "no-store" },
  });
});
