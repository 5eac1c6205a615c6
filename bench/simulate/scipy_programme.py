"""SciPy solve_ivp on a whole bfrsim training programme (run by bench/simulate/index.ts).

Reads one JSON request on stdin:
  {"module": "/path/model.py", "p": [...], "y0": [...], "breakpoints": [...], "t_end": s,
   "inputs": [[u for segment 0], ...] (SI, model input order), "rtol": r, "atol": [...],
   "methods": ["LSODA", "Radau"], "repeats": n}
The inputs are piecewise constant, so the programme is integrated segment by segment between
breakpoints (each segment a fresh solve_ivp call from the previous segment's end state), which is
how the schedule's discontinuities are honoured in SciPy. solve_ivp's defaults otherwise (its own
finite-difference Jacobians: the exported module has no Jacobian). A method that fails is
reported with the segment and SciPy's message, not retried. Prints one JSON list: per method the
median process CPU seconds over `repeats`, RHS/Jacobian/LU counts, status and the final state.
"""
import importlib.util
import json
import statistics
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def load(path):
    spec = importlib.util.spec_from_file_location("bfrsim_model", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def programme(mod, req, method):
    p = np.array(req["p"], dtype=float)
    y = np.array(req["y0"], dtype=float)
    atol = np.array(req["atol"], dtype=float)
    bps = list(req["breakpoints"]) + [req["t_end"]]
    counts = {"nfev": 0, "njev": 0, "nlu": 0}
    rhs = mod.rhs

    for k, u_list in enumerate(req["inputs"]):
        t0, t1 = bps[k], bps[k + 1]
        if not t1 > t0:
            continue
        u = np.array(u_list, dtype=float)
        try:
            sol = solve_ivp(lambda t, yy: rhs(t, yy, p, u), (t0, t1), y, method=method,
                            rtol=req["rtol"], atol=atol)
        except (ValueError, ArithmeticError, TypeError, RuntimeError) as err:
            return {"status": f"raised in segment {k} ({t0} to {t1} s): {type(err).__name__}: {err}", "y": y.tolist(), **counts}
        if sol.status != 0:
            return {"status": f"failed in segment {k} at t = {sol.t[-1]}: {sol.message}", "y": y.tolist(), **counts}
        for key in counts:
            counts[key] += int(getattr(sol, key))
        y = sol.y[:, -1].copy()
    return {"status": "success", "y": y.tolist(), **counts}


def main():
    req = json.load(sys.stdin)
    mod = load(req["module"])
    out = []
    for method in req["methods"]:
        cpu = []
        res = None
        for _ in range(req["repeats"]):
            c0 = time.process_time()
            res = programme(mod, req, method)
            cpu.append(time.process_time() - c0)
            if res["status"] != "success":
                break
        out.append({"method": method, "cpu_s": statistics.median(cpu), "runs": len(cpu), **res})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
