"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useElapsed } from "@/hooks/use-elapsed";
import { usePrediction } from "@/hooks/use-prediction";
import { isTerminal, type PredictionStatus } from "@/lib/domain";
import { formatSeconds } from "@/lib/view/format";

/**
 * On a share page opened while the prediction still runs: follows it by polling this one
 * prediction (guests may read it; the stream of every prediction is the owner's) and
 * re-renders the server page once it is done.
 */
export function ShareRefresher({ id, createdAt, status }: { id: string; createdAt: string; status: PredictionStatus }) {
  const router = useRouter();
  const { data } = usePrediction(id);
  const done = data ? isTerminal(data.status) : false;
  const elapsed = useElapsed(Date.parse(createdAt), !done);

  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);

  return (
    <p role="status" className="text-sm text-fg-muted tabular-nums">
      {done
        ? "Done, loading the images…"
        : `Generating (${data?.status ?? status})${elapsed === null ? "" : `, ${formatSeconds(elapsed)}`}. This page updates by itself.`}
    </p>
  );
}
