"use client";

import { OwnerOnly } from "@/components/access/owner-only";
import { Button, buttonClass } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { DownloadIcon, LinkIcon, RefreshIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { usePredictionEvents } from "@/hooks/use-prediction-events";
import { useSweep, useSweepActions } from "@/hooks/use-sweep";
import { sweepCostUsd } from "@/lib/domain";
import type { SweepView as SweepViewData } from "@/lib/playground-api";
import { formatUsd } from "@/lib/view/format";
import { progressOf, retryCellsOf } from "@/lib/view/sweep-form";
import { SweepGrid } from "./sweep-grid";
import { SweepProgressBar } from "./sweep-progress";

/** A sweep's page, live: progress, Cancel, Retry failed cells, the grid and its PNG. */
export function SweepView({ initial }: { initial: SweepViewData }) {
  usePredictionEvents();
  const { data } = useSweep(initial);
  const sweep = data ?? initial;
  const { cancel, retry } = useSweepActions(sweep.id);
  const confirm = useConfirm();
  const progress = progressOf(sweep);
  const toRetry = progress.failed + progress.cancelled + progress.missing;
  const retryCost = sweepCostUsd(sweep.engine, sweep, retryCellsOf(sweep));

  const onRetry = async () => {
    const body = `${toRetry} ${toRetry === 1 ? "cell runs" : "cells run"} again for ${formatUsd(retryCost)}.`;
    if (retryCost > 0 && !(await confirm({ title: "Retry the failed cells?", body, confirmLabel: "Retry" }))) return;
    retry.mutate(retryCost > 0 ? retryCost : undefined);
  };
  const error = cancel.error ?? retry.error;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-4 rounded-2xl border border-border bg-surface p-4 shadow-sm sm:p-5">
        <SweepProgressBar progress={progress} />
        <div className="flex flex-wrap items-center gap-2">
          <OwnerOnly>
            {!progress.done && (
              <Button onClick={() => cancel.mutate()} disabled={cancel.isPending} variant="danger">
                {cancel.isPending ? "Cancelling…" : "Cancel"}
              </Button>
            )}
            {progress.done && toRetry > 0 && (
              <Button onClick={onRetry} disabled={retry.isPending}>
                <RefreshIcon />
                Retry failed cells ({toRetry})
              </Button>
            )}
          </OwnerOnly>
          <a href={`${sweep.gridUrl}?download`} download className={buttonClass()}>
            <DownloadIcon />
            Download grid PNG
          </a>
          <OwnerOnly>
            <a
              href={`/api/export?scope=sweep&sweep=${encodeURIComponent(sweep.id)}`}
              download
              className={buttonClass({ variant: "ghost" })}
            >
              Export sweep
            </a>
          </OwnerOnly>
          <CopyButton text={sweep.pageUrl} label="Copy sweep link" icon={<LinkIcon />} />
          {!sweep.parentId && (
            <OwnerOnly>
              <NavLink href={`/history?thread=${encodeURIComponent(sweep.id)}`} className={buttonClass({ variant: "ghost" })}>
                Cells in history
              </NavLink>
            </OwnerOnly>
          )}
          <span className="ml-auto text-xs text-fg-muted">
            {sweep.costUsd > 0 ? `${formatUsd(sweep.costUsd)} for the grid` : "Free on the local preview engine"}
          </span>
        </div>
        {sweep.cancelledAt && !progress.done && (
          <p className="text-sm text-fg-muted">Cancelled: the cells already sent are finishing.</p>
        )}
        {error && (
          <p role="alert" className="rounded-lg border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
            {error.message}
          </p>
        )}
      </div>
      <SweepGrid sweep={sweep} />
    </div>
  );
}
