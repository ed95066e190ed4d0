import { expect } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN, E2E_PORTS } from "@/testing/ports";

/** The playground with ACCESS_TOKEN set, spoken to over plain HTTP as scripts and attackers would. */
export const ACCESS_URL = `http://127.0.0.1:${E2E_PORTS.access}`;
export const OWNER = { authorization: `Bearer ${E2E_ACCESS_TOKEN}` };
export const JSON_TYPE = { "content-type": "application/json" };

/** A completed prediction made with the token (a prompt, or a whole request body), for the routes that need one. */
export async function ownerPrediction(
  request: string | Record<string, unknown>,
  baseUrl = ACCESS_URL,
  owner = OWNER,
): Promise<PredictionView> {
  const created = await rawRequest(`${baseUrl}/api/predictions`, {
    method: "POST",
    headers: { ...owner, ...JSON_TYPE },
    body: JSON.stringify(typeof request === "string" ? { prompt: request } : request),
  });
  expect(created.status, created.body).toBe(201);
  const { id } = predictionViewSchema.parse(JSON.parse(created.body));
  let view: PredictionView | undefined;
  await expect
    .poll(async () => {
      view = predictionViewSchema.parse(
        JSON.parse((await rawRequest(`${baseUrl}/api/predictions/${id}`, { headers: owner })).body),
      );
      return view.status;
    })
    .toBe("completed");
  return view!;
}

/** The path of a prediction's first image on this server. */
export const imagePathOf = (view: PredictionView) => new URL(view.outputs[0]!.url).pathname;
