/**
 * Observable-style notebooks on @observablehq/runtime: named cells that recompute when the cells
 * they read change, inputs ("viewof" cells) whose value flows to their dependants, and output
 * cells rendered into slots of the page (<div data-cell="name">). Errors show in the slot and go
 * to the console, where the browser tests see them.
 */
import { Runtime, type Observer } from "@observablehq/runtime";

/** A cell: a name dependants refer to, the names it reads, and its definition. */
export interface Cell {
  name: string;
  inputs?: string[];
  define: (...args: any[]) => unknown;
}

/** A value-bearing element (Inputs.range, Inputs.radio…): shown in its slot, its value is a cell. */
export interface ViewCell {
  view: string;
  inputs?: string[];
  define: (...args: any[]) => HTMLElement & { value: unknown };
}

/** The successive values of an input element: now, then after each "input" event. */
export async function* inputValues<T>(element: HTMLElement & { value: T }): AsyncGenerator<T> {
  yield element.value;
  for (;;) {
    yield await new Promise<T>((resolve) => element.addEventListener("input", () => resolve(element.value), { once: true }));
  }
}

function slotObserver(name: string): Observer | undefined {
  const slot = document.querySelector<HTMLElement>(`[data-cell="${name}"]`);
  if (!slot) return undefined;
  return {
    pending() { slot.classList.add("running"); },
    fulfilled(value) {
      slot.classList.remove("running");
      if (value instanceof Node) { if (slot.firstChild !== value) slot.replaceChildren(value); }
      else if (value !== undefined) slot.replaceChildren(document.createTextNode(String(value)));
    },
    rejected(error) {
      slot.classList.remove("running");
      const box = document.createElement("pre");
      box.className = "cell-error";
      box.textContent = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      slot.replaceChildren(box);
      console.error(`cell ${name}:`, error);
    },
  };
}

/** Runs the cells; a cell with a slot on the page is displayed there, the others stay hidden. */
export function notebook(cells: ReadonlyArray<Cell | ViewCell>): Runtime {
  const runtime = new Runtime();
  const main = runtime.module();
  for (const cell of cells) {
    if ("view" in cell) {
      const viewName = `viewof ${cell.view}`;
      main.variable(slotObserver(cell.view)).define(viewName, cell.inputs ?? [], cell.define);
      main.variable().define(cell.view, [viewName], (el: HTMLElement & { value: unknown }) => inputValues(el));
    } else {
      main.variable(slotObserver(cell.name)).define(cell.name, cell.inputs ?? [], cell.define);
    }
  }
  return runtime;
}
