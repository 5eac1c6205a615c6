/** Loads the build-time model module (data/model.js beside the page) as a CompiledModel. */
import type { CompiledModel } from "../../src/model/types.ts";
import { hydrateModel, type ModelModule } from "./browser-model.ts";

export async function loadBrowserModel(url = new URL("./data/model.js", document.baseURI).href): Promise<CompiledModel> {
  const mod = (await import(/* @vite-ignore */ url)) as ModelModule;
  return hydrateModel(mod);
}
