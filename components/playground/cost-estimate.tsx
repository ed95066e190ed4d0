"use client";

import { useBudget } from "@/hooks/use-budget";
import { costUsd, type EngineName, type PricedRun, pricePerImageUsd } from "@/lib/domain";
import { formatUsd } from "@/lib/view/format";

/**
 * Shown only when images cost money: the real engine bills per image, at the price of the model
 * the run goes to. With a daily budget, what is left of it today.
 */
export function CostEstimate({ engine, run }: { engine: EngineName; run: PricedRun }) {
  const price = pricePerImageUsd(engine, run);
  const budget = useBudget(price > 0);
  if (price <= 0) return null;
  const cost = costUsd(engine, [run]);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p className="flex items-center justify-between" data-testid="cost-estimate">
        <span className="text-fg-muted">Estimated cost</span>
        <span className="tabular-nums">
          {formatUsd(price)} × {run.num_images} = <strong className="font-semibold">{formatUsd(cost)}</strong>
        </span>
      </p>
      {budget && (
        <p className="flex items-center justify-between" data-testid="budget-left">
          <span className="text-fg-muted">Left today (UTC)</span>
          <span className={`tabular-nums ${cost > budget.leftUsd ? "text-danger" : ""}`}>
            <strong className="font-semibold">{formatUsd(budget.leftUsd)}</strong> of {formatUsd(budget.budgetUsd)}
          </span>
        </p>
      )}
    </div>
  );
}
