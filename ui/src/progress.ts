// The progress view under the article: a bar and the stage in words.

import type { ProgressEvent } from "./bindings/ProgressEvent";

export class ProgressView {
  constructor(
    private readonly root: { box: HTMLElement; bar: HTMLProgressElement; stage: HTMLElement },
  ) {}

  start() {
    this.root.box.hidden = false;
    this.root.bar.value = 0;
    this.root.stage.textContent = "starting";
  }

  update(event: ProgressEvent) {
    this.root.bar.value = event.fraction;
    this.root.stage.textContent = `${event.label} — ${Math.round(event.fraction * 100)} %`;
  }

  stop() {
    this.root.box.hidden = true;
  }
}
