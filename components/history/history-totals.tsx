import { MODEL_NAMES, MODELS, priceRange } from "@/lib/domain";
import type { HistoryPage, PredictionView } from "@/lib/playground-api";
import { formatPriceRange, formatUsd } from "@/lib/view/format";

/** What each model of the family costs per image on WaveSpeed: "$0.04 on [pro], $0.08 on [max], …". */
const modelPrices = () =>
  MODEL_NAMES.map((model) => `${formatPriceRange(priceRange(model))} on ${MODELS[model].short}`).join(", ");

type Props = { totals: HistoryPage["totals"]; engine: PredictionView["engine"] };

/** What the whole history has cost so far: WaveSpeed bills per image, the local preview engine is free. */
export function HistoryTotals({ totals, engine }: Props) {
  const { local, wavespeed } = totals.images;
  const images = local + wavespeed;
  return (
    <div className="flex flex-col gap-1 sm:items-end">
      <dl className="flex gap-6 text-sm">
        <div className="flex flex-col sm:items-end">
          <dt className="text-xs text-fg-muted">Images made</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="history-total-images">
            {images}
          </dd>
        </div>
        <div className="flex flex-col sm:items-end">
          <dt className="text-xs text-fg-muted">Spent</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="history-total-cost">
            {formatUsd(totals.costUsd)}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-fg-muted">
        {local > 0 && wavespeed > 0 ? `${wavespeed} on WaveSpeed, ${local} local previews. ` : ""}
        {engine === "local"
          ? `The local preview engine is free; WaveSpeed charges per image ${modelPrices()}.`
          : `WaveSpeed charges per image ${modelPrices()}.`}
      </p>
    </div>
  );
}
