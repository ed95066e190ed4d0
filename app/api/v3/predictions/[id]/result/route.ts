import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { methodNotAllowed, withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** The task's current state, answered from our own store. */
export const GET = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const envelope = await getServices().served.result(id, requestBaseUrl(request.headers));
  return NextResponse.json(envelope, { headers: { "Cache-Control": "no-store" } });
});

export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
