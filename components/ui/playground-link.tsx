import Link from "next/link";
import { ChevronIcon } from "./icons";

/** The way back to the playground from a shared view (share, compare and sweep pages). */
export function PlaygroundLink() {
  return (
    <Link href="/" className="inline-flex items-center gap-1 rounded text-fg-muted hover:text-fg">
      <ChevronIcon direction="left" />
      Playground
    </Link>
  );
}
