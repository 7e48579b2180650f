// The Models panel: each model's role, size, licence and state; Install (with progress, rate and
// Cancel) and Remove. Banners elsewhere can offer "Install" for a model they name.

import { asCommandError, channel } from "./api";
import { cancelInstall, installModel, modelsStatus, removeModel } from "./bindings/commands";
import type { ModelStatus } from "./bindings/ModelStatus";
import { roleName } from "./names";
import { formatCount } from "./text";
import { button, el } from "./view";

/** Ids of installable, missing models mentioned in a message (to offer "Install" next to it). */
export function missingIn(message: string, models: ModelStatus[]): string[] {
  return models.filter((m) => m.installable && !m.installed && message.includes(m.id)).map((m) => m.id);
}

export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  return `${formatCount(Math.round(bytesPerSecond / 1e3))} kB/s`;
}

type Report = (level: "error" | "info", message: string) => void;

export class ModelsPanel {
  models: ModelStatus[] = [];
  private installing = new Set<string>();

  constructor(
    private readonly list: HTMLUListElement,
    private readonly summary: HTMLElement,
    private readonly report: Report,
  ) {}

  async refresh() {
    try {
      this.models = await modelsStatus();
    } catch (e) {
      this.report("error", `Could not list the models: ${asCommandError(e).message}`);
      return;
    }
    const installed = this.models.filter((m) => m.installed).length;
    this.summary.textContent = `Models: ${installed} of ${this.models.length} installed`;
    this.list.replaceChildren(...this.models.map((m) => this.row(m)));
  }

  private row(m: ModelStatus): HTMLLIElement {
    const li = el("li");
    li.dataset.id = m.id;
    const licence = m.non_commercial ? `${m.licence} — non-commercial use only` : m.licence;
    const head = el("div", "model-head");
    head.append(
      el("strong", undefined, m.id),
      el("span", "muted", ` ${roleName(m.role)} · ${formatCount(m.size_mb)} MB · ${licence}`),
      el("span", m.installed ? "state ok" : "state missing", m.installed ? "installed" : "not installed"),
    );
    li.append(head);

    const actions = el("div", "model-actions");
    if (m.installable && !m.installed) {
      actions.append(button(`Install (${formatCount(m.size_mb)} MB)`, () => this.install(m.id)));
    } else if (m.installable) {
      actions.append(button("Remove", () => this.remove(m.id)));
    }
    if (!m.installed) li.append(el("p", "muted small", m.detail));
    li.append(actions);
    return li;
  }

  async install(id: string) {
    if (this.installing.has(id)) return;
    this.installing.add(id);
    const row = this.list.querySelector<HTMLLIElement>(`li[data-id="${CSS.escape(id)}"]`);
    const actions = row?.querySelector<HTMLDivElement>(".model-actions");
    const bar = el("progress");
    bar.max = 1;
    bar.value = 0;
    const label = el("span", "muted", "starting");
    const cancel = button("Cancel", () => void cancelInstall(id));
    actions?.replaceChildren(bar, label, cancel);
    try {
      await installModel(
        id,
        channel((e) => {
          bar.value = e.total > 0 ? e.done / e.total : 0;
          label.textContent = `${e.file} · ${formatCount(Math.round(e.done / 1e6))} of ${formatCount(
            Math.round(e.total / 1e6),
          )} MB · ${formatRate(e.rate)}`;
        }),
      );
      this.report("info", `${id} is installed; the next analysis uses it.`);
    } catch (e) {
      const err = asCommandError(e);
      this.report(
        err.kind === "cancelled" ? "info" : "error",
        err.kind === "cancelled"
          ? `Install of ${id} cancelled; installing again resumes the download.`
          : `Could not install ${id}: ${err.message}`,
      );
    } finally {
      this.installing.delete(id);
      await this.refresh();
    }
  }

  async remove(id: string) {
    try {
      await removeModel(id);
      this.report("info", `${id} was removed.`);
    } catch (e) {
      this.report("error", `Could not remove ${id}: ${asCommandError(e).message}`);
    }
    await this.refresh();
  }
}
