// Pool worker entry. Node 20 worker threads ignore `--import tsx` in execArgv for their entry
// module, so the worker registers tsx itself before loading the TypeScript task and evaluator.
import { register } from "tsx/esm/api";

register();
const { evaluateBatch } = await import("./worker-task.ts");

export default evaluateBatch;
