import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { toSweepView } from "@/lib/sweeps/views";

export const dynamic = "force-dynamic";

/** A sweep with every run of its cells. */
export const GET = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const state = await getServices().sweeps.get((await params).id);
  return NextResponse.json(toSweepView(state, requestBaseUrl(request.headers)), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
