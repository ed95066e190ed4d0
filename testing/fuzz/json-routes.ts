import fc from "fast-check";
import {
  EDIT_PATH,
  editRequestSchema,
  MULTI_PATH,
  multiRequestSchema,
  predictionRequestSchema,
  SUBMIT_PATH,
  servedEditRequestSchema,
  servedMultiRequestSchema,
  servedRequestSchema,
  UPLOAD_TICKET_PATH,
  uploadTicketRequestSchema,
} from "@/lib/contract";
import { annotationSchema, signInSchema, submitExtrasSchema, sweepRequestSchema, sweepRetrySchema } from "@/lib/playground-api";
import { type JsonSchema, jsonSchemaOf, type Overrides, validFrom } from "./schema-arbitrary";

/** Every route that reads a JSON body, with the schema it parses and bodies it should take. */
export type JsonRoute = {
  name: string;
  method: "POST" | "PATCH";
  path: string;
  schema: JsonSchema;
  valid: fc.Arbitrary<unknown>;
  /** Sent as the owner (Bearer token); a sign-in is sent as a guest. */
  owner: boolean;
};

/**
 * What the fields no JSON Schema can generate well are given: pictures (small PNGs as data: URIs),
 * prompts with something visible, one or two images per run to keep the server light, and the
 * right token now and then.
 */
export function overridesFor(pictures: string[], token: string): Overrides {
  const picture = fc.constantFrom(...pictures);
  return {
    prompt: fc.string({ minLength: 1, maxLength: 120, unit: "grapheme" }).map((text) => `a ${text}`),
    image: picture,
    images: fc.array(picture, { minLength: 2, maxLength: 4 }),
    num_images: fc.constantFrom(1, 2),
    token: fc.oneof(fc.constant(token), fc.string({ minLength: 1, maxLength: 64 })),
    content_type: fc.constantFrom("image/png", "image/jpeg", "image/webp", "text/plain"),
  };
}

/** The JSON routes, for a run id and a sweep id that exist on the server under test. */
export function jsonRoutes(ids: { prediction: string; sweep: string }, overrides: Overrides): JsonRoute[] {
  const of = (schema: Parameters<typeof jsonSchemaOf>[0]) => jsonSchemaOf(schema);
  const valid = (schema: JsonSchema) => validFrom(schema, overrides);
  const extras = of(submitExtrasSchema);
  const withExtras = (body: fc.Arbitrary<unknown>) =>
    fc.tuple(body, valid(extras)).map(([main, more]) => ({ ...(main as object), ...(more as object) }));
  const anySubmit = fc.oneof(valid(of(predictionRequestSchema)), valid(of(editRequestSchema)), valid(of(multiRequestSchema)));
  const sweep = of(sweepRequestSchema);
  const route = (
    name: string,
    method: JsonRoute["method"],
    path: string,
    schema: JsonSchema,
    body = valid(schema),
    owner = true,
  ) => ({
    name,
    method,
    path,
    schema,
    valid: body,
    owner,
  });
  return [
    route("POST /api/predictions", "POST", "/api/predictions", of(predictionRequestSchema), withExtras(anySubmit)),
    route("PATCH /api/predictions/{id}", "PATCH", `/api/predictions/${ids.prediction}`, of(annotationSchema)),
    route(
      "POST /api/sweeps",
      "POST",
      "/api/sweeps",
      sweep,
      fc.tuple(valid(sweep), anySubmit).map(([body, base]) => ({ ...(body as object), base })),
    ),
    route("POST /api/sweeps/{id}/retry", "POST", `/api/sweeps/${ids.sweep}/retry`, of(sweepRetrySchema)),
    route("POST /api/session", "POST", "/api/session", of(signInSchema), undefined, false),
    route(`POST ${SUBMIT_PATH}`, "POST", SUBMIT_PATH, of(servedRequestSchema)),
    route(`POST ${EDIT_PATH}`, "POST", EDIT_PATH, of(servedEditRequestSchema)),
    route(`POST ${MULTI_PATH}`, "POST", MULTI_PATH, of(servedMultiRequestSchema)),
    route(`POST ${UPLOAD_TICKET_PATH}`, "POST", UPLOAD_TICKET_PATH, of(uploadTicketRequestSchema)),
  ];
}
