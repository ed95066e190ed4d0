import { formatUsd } from "@/lib/view/format";

/** Shown only when images cost money: the real engine bills per image. */
export function CostEstimate({ pricePerImage, count }: { pricePerImage: number; count: number }) {
  if (pricePerImage <= 0) return null;
  return (
    <p className="flex items-center justify-between text-sm" data-testid="cost-estimate">
      <span className="text-fg-muted">Estimated cost</span>
      <span className="tabular-nums">
        {formatUsd(pricePerImage)} × {count} = <strong className="font-semibold">{formatUsd(pricePerImage * count)}</strong>
      </span>
    </p>
  );
}
