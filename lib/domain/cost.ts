import type { EngineName } from "./engines";

/**
 * WaveSpeed's price for FLUX.1 Kontext [pro]: $0.04 per image made. The edit and multi models are
 * priced the same: our notes on WaveSpeed give no other price for them, so an edit is assumed to
 * cost what a generated image does. The local engine is free.
 */
export const PRICE_PER_IMAGE_USD = 0.04;
export const pricePerImageUsd = (engine: EngineName) => (engine === "wavespeed" ? PRICE_PER_IMAGE_USD : 0);

/** What a number of images costs on an engine, rounded to the cent; an edit makes one image. */
export const costUsd = (engine: EngineName, images: number) => Number((pricePerImageUsd(engine) * images).toFixed(2));
