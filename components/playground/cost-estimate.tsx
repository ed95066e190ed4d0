import { costUsd, type EngineName, pricePerImageUsd } from "@/lib/domain";
import { formatUsd } from "@/lib/view/format";

/** Shown only when images cost money: the real engine bills per image. */
export function CostEstimate({ engine, count }: { engine: EngineName; count: number }) {
  const price = pricePerImageUsd(engine);
  if (price <= 0) return null;
  return (
    <p className="flex items-center justify-between text-sm" data-testid="cost-estimate">
      <span className="text-fg-muted">Estimated cost</span>
      <span className="tabular-nums">
        {formatUsd(price)} × {count} = <strong className="font-semibold">{formatUsd(costUsd(engine, count))}</strong>
      </span>
    </p>
  );
}
