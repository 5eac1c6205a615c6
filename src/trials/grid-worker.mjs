// Pool worker entry for surrogate-grid nodes. Node 20 worker threads ignore `--import tsx` for
// their entry module, so the worker registers tsx itself before loading the TypeScript task.
import { register } from "tsx/esm/api";

register();
const { runGridNode } = await import("./grid-task.ts");

export default runGridNode;
