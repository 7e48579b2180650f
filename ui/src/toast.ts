// A short message at the bottom of the window, with Undo when there is something to undo.

export class Toast {
  private timer: number | undefined;
  private undo: (() => void) | null = null;

  constructor(
    private readonly root: { box: HTMLElement; text: HTMLElement; undo: HTMLButtonElement },
  ) {
    root.undo.addEventListener("click", () => {
      const action = this.undo;
      this.root.box.hidden = true;
      this.undo = null;
      action?.();
    });
  }

  /** Shows `message` for 8 seconds; `undo` adds an Undo button that runs it. */
  show(message: string, undo?: () => void) {
    window.clearTimeout(this.timer);
    // Inside an open modal dialog, or it would be inert behind it.
    (document.querySelector("dialog[open]") ?? document.body).append(this.root.box);
    this.root.text.textContent = message;
    this.undo = undo ?? null;
    this.root.undo.hidden = !undo;
    this.root.box.hidden = false;
    this.timer = window.setTimeout(() => (this.root.box.hidden = true), 8000);
  }
}
