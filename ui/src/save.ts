// The Save dialog: title, tags and note for the library; saving again updates the same entry.

import { asCommandError } from "./api";
import { libraryOpen, librarySave } from "./bindings/commands";
import { parseTags } from "./library";
import type { WindowState } from "./state";

export class SaveDialog {
  constructor(
    private readonly root: {
      dialog: HTMLDialogElement;
      form: HTMLFormElement;
      title: HTMLInputElement;
      tags: HTMLInputElement;
      note: HTMLTextAreaElement;
      cancel: HTMLButtonElement;
    },
    private readonly state: WindowState,
    private readonly hooks: {
      toast: (message: string) => void;
      report: (message: string) => void;
    },
  ) {
    root.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.confirm();
    });
    root.cancel.addEventListener("click", () => root.dialog.close());
  }

  open() {
    if (this.state.running) return;
    if (!this.state.result) {
      this.hooks.toast("Nothing to save yet: analyse an article first.");
      return;
    }
    const saved = this.state.saved;
    this.root.title.value = saved?.title ?? "";
    this.root.tags.value = saved?.tags.join(", ") ?? "";
    this.root.note.value = saved?.note ?? "";
    this.root.dialog.showModal();
    this.root.title.select();
  }

  private async confirm() {
    const analysis = this.state.result;
    if (!analysis) return;
    const meta = {
      title: this.root.title.value,
      tags: parseTags(this.root.tags.value),
      note: this.root.note.value,
    };
    try {
      const id = await librarySave({ id: this.state.saved?.id ?? null, meta, analysis });
      this.root.dialog.close();
      // The library fills an empty title and tidies tags; show what it stored.
      const entry = await libraryOpen(id);
      if (this.state.result === analysis) {
        this.state.setSaved({ id, title: entry.title, tags: entry.tags, note: entry.note });
      }
      this.hooks.toast(`Saved to the library as “${entry.title}”.`);
    } catch (e) {
      this.hooks.report(`Could not save: ${asCommandError(e).message}`);
      this.root.dialog.close();
    }
  }
}
