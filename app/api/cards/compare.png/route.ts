import { getServices } from "@/lib/composition-root";
import { cardResponse } from "@/lib/http/card-response";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { parseCompareRefs } from "@/lib/view/compare";

export const dynamic = "force-dynamic";

/** A compare's link-preview card, 1200×630: `?i=<id>.<image>&i=…`, as the compare page's own query. */
export const GET = withErrors(async (request) => {
  const refs = parseCompareRefs(new URL(request.url).searchParams.getAll("i"));
  return cardResponse(request, await getServices().cards.compare(refs));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
