import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** The task's current state, answered from our own store; `…/result` serves the same (WaveSpeed documents both). */
export const GET = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const envelope = await getServices().served.result(id, requestBaseUrl(request.headers));
  return NextResponse.json(envelope, { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
