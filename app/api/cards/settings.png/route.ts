import { getServices } from "@/lib/composition-root";
import { cardResponse } from "@/lib/http/card-response";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { settingsFromValues } from "@/lib/view/form-validation";
import { valuesFromQuery } from "@/lib/view/form-values";

export const dynamic = "force-dynamic";

/** A settings link's card, 1200×630: the playground's own query (`prompt`, `ar`, `n`, `seed`, `g`, `safety`). */
export const GET = withErrors(async (request) => {
  const settings = settingsFromValues(valuesFromQuery(new URL(request.url).searchParams));
  return cardResponse(request, await getServices().cards.settings(settings));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
