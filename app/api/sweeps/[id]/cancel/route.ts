import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { toSweepView } from "@/lib/sweeps/views";

export const dynamic = "force-dynamic";

/** Drops the cells not yet sent; those already sent finish. */
export const POST = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const state = await getServices().sweeps.cancel((await params).id);
  return NextResponse.json(toSweepView(state, requestBaseUrl(request.headers)));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
