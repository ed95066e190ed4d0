import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { cardResponse, idOfPng } from "@/lib/http/card-response";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** A share page's link-preview card, 1200×630: its images (none when any is flagged), prompt and parameters. */
export const GET = withErrors<{ params: Promise<{ file: string }> }>(async (request, { params }) => {
  const id = idOfPng((await params).file);
  if (!id) throw new AppError("not_found", "No such card.", "file");
  return cardResponse(request, await getServices().cards.prediction(id));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
