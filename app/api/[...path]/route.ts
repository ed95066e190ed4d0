import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Any /api path no route serves: a JSON 404 in the error envelope, not the HTML not-found page. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname.slice(0, 200);
  return errorResponse(new AppError("not_found", `There is no API endpoint at ${path}.`));
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
