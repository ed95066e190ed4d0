import "server-only";
import { ENGINE_NAMES, type EngineName, fromMills } from "../domain";
import type { ImageTotals, Spend } from "./prediction-repo";

/**
 * What was spent, in both dialects: each run keeps what one of its images costs, in mills
 * (`image_price_mills`, fixed when the run is made by the cost rule of lib/domain/cost.ts), and
 * triggers keep the totals and the spend of deleted runs in mills too (migration 10).
 */
export type ImageTotalRow = { engine: EngineName; images: number | string; mills: number | string };
export type SpendRow = { images: number | string; mills: number | string };

export const toImageTotals = (rows: ImageTotalRow[]): ImageTotals => {
  const images = Object.fromEntries(ENGINE_NAMES.map((engine) => [engine, 0])) as Record<EngineName, number>;
  let mills = 0;
  for (const row of rows) {
    images[row.engine] = Number(row.images);
    mills += Number(row.mills);
  }
  return { images, usd: fromMills(mills) };
};

export const toSpend = (row: SpendRow): Spend => ({ images: Number(row.images), usd: fromMills(Number(row.mills)) });

/** One UTC day's spend on one engine: `@engine`, `@day` and `@nextDay` (the range reads the day through predictions_created_at). */
export const SPEND_ON_DAY = `SELECT
    COALESCE(SUM(spent.images), 0) + COALESCE((SELECT images FROM spend_of_deleted WHERE day = @day AND engine = @engine), 0) AS images,
    COALESCE(SUM(spent.images * spent.price), 0)
      + COALESCE((SELECT mills FROM spend_of_deleted WHERE day = @day AND engine = @engine), 0) AS mills
  FROM (
    SELECT p.image_price_mills AS price, CASE
        WHEN p.status = 'completed' THEN (SELECT COUNT(*) FROM prediction_outputs o WHERE o.prediction_id = p.id)
        WHEN p.status IN ('created', 'processing') THEN p.num_images
        ELSE 0 END AS images
    FROM predictions p WHERE p.engine = @engine AND p.created_at >= @day AND p.created_at < @nextDay
  ) spent`;
