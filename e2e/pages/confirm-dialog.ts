import type { Locator, Page } from "@playwright/test";

/** The page's own confirmation dialog (components/ui/confirm-dialog.tsx), never the browser's confirm(). */
export class ConfirmDialog {
  readonly root: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("confirm-dialog");
    this.cancel = this.root.getByRole("button", { name: "Cancel", exact: true });
  }

  confirm(label: string): Locator {
    return this.root.getByRole("button", { name: label, exact: true });
  }
}

/** The toast that offers Undo after a delete. */
export const undoButton = (page: Page) => page.getByRole("button", { name: "Undo", exact: true });
