import { NextResponse } from "next/server";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { openApiDocument } from "@/lib/openapi";

export const dynamic = "force-dynamic";

/** The served contract as OpenAPI 3.1, generated from the same zod schemas the routes parse with. */
export const GET = withErrors(async (request) => NextResponse.json(openApiDocument(requestBaseUrl(request.headers))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
