import type { EngineName } from "./engines";

/** WaveSpeed's price for FLUX.1 Kontext [pro]; the local engine is free. */
export const PRICE_PER_IMAGE_USD = 0.04;

export const pricePerImageUsd = (engine: EngineName) => (engine === "wavespeed" ? PRICE_PER_IMAGE_USD : 0);

/** What a number of images costs on an engine, rounded to the cent. */
export const costUsd = (engine: EngineName, images: number) => Number((pricePerImageUsd(engine) * images).toFixed(2));
