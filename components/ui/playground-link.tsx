import { ChevronIcon } from "./icons";
import { NavLink } from "./nav-link";

/** The way back to the playground from a shared view (share, compare and sweep pages). */
export function PlaygroundLink() {
  return (
    <NavLink href="/" className="inline-flex items-center gap-1 rounded text-fg-muted hover:text-fg">
      <ChevronIcon direction="left" />
      Playground
    </NavLink>
  );
}
