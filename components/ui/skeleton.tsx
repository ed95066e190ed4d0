import type { CSSProperties } from "react";

export function Skeleton({ className = "", style }: { className?: string; style?: CSSProperties }) {
  return <div aria-hidden="true" className={`shimmer rounded-lg bg-muted ${className}`} style={style} />;
}
