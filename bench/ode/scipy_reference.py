"""SciPy solve_ivp timings for bench/ode (run by bench/ode/index.ts in the same session).

Reads one JSON request on stdin:
  {"problems": ["hires", ...], "methods": ["LSODA", "Radau", "BDF"], "rtols": [1e-4, ...],
   "atol_factor": {"hires": 1e-4, ...}, "repeats": 5}
and prints one JSON list of results: problem, method, rtol, atol, median process CPU seconds
and median wall seconds over repeats (after one warm-up run), nfev, njev, nlu, status and the
final state (the caller computes correct digits against the published references). Problems
mirror test/ode/fixtures.
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def hires_f(t, y):
    return np.array([
        -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
        1.71 * y[0] - 8.75 * y[1],
        -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
        8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
        -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6],
        -280.0 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
        280.0 * y[5] * y[7] - 1.81 * y[6],
        -280.0 * y[5] * y[7] + 1.81 * y[6],
    ])


def hires_j(t, y):
    J = np.zeros((8, 8))
    J[0, 0:3] = [-1.71, 0.43, 8.32]
    J[1, 0:2] = [1.71, -8.75]
    J[2, 2:5] = [-10.03, 0.43, 0.035]
    J[3, 1:4] = [8.32, 1.71, -1.12]
    J[4, 4:7] = [-1.745, 0.43, 0.43]
    J[5, 3:8] = [0.69, 1.71, -0.43 - 280.0 * y[7], 0.69, -280.0 * y[5]]
    J[6, 5:8] = [280.0 * y[7], -1.81, 280.0 * y[5]]
    J[7, 5:8] = [-280.0 * y[7], 1.81, -280.0 * y[5]]
    return J


def rober_f(t, y):
    a = -0.04 * y[0] + 1e4 * y[1] * y[2]
    c = 3e7 * y[1] * y[1]
    return np.array([a, -a - c, c])


def rober_j(t, y):
    return np.array([
        [-0.04, 1e4 * y[2], 1e4 * y[1]],
        [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
        [0.0, 6e7 * y[1], 0.0],
    ])


EPS_VDP = 1e-6


def vdpol_f(t, y):
    return np.array([y[1], ((1 - y[0] ** 2) * y[1] - y[0]) / EPS_VDP])


def vdpol_j(t, y):
    return np.array([[0.0, 1.0], [(-2 * y[0] * y[1] - 1) / EPS_VDP, (1 - y[0] ** 2) / EPS_VDP]])


MU_ARENSTORF = 0.012277471


def arenstorf_f(t, y):
    mu, mup = MU_ARENSTORF, 1 - MU_ARENSTORF
    d1 = ((y[0] + mu) ** 2 + y[1] ** 2) ** 1.5
    d2 = ((y[0] - mup) ** 2 + y[1] ** 2) ** 1.5
    return np.array([
        y[2],
        y[3],
        y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2,
        y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2,
    ])


def kepler_f(t, y):
    r3 = (y[0] ** 2 + y[1] ** 2) ** 1.5
    return np.array([y[2], y[3], -y[0] / r3, -y[1] / r3])


ECC = 0.5
PROBLEMS = {
    "hires": (hires_f, hires_j, [1, 0, 0, 0, 0, 0, 0, 0.0057], (0.0, 321.8122)),
    "rober": (rober_f, rober_j, [1.0, 0.0, 0.0], (0.0, 1e11)),
    "vdpol": (vdpol_f, vdpol_j, [2.0, 0.0], (0.0, 2.0)),
    "arenstorf": (arenstorf_f, None, [0.994, 0.0, 0.0, -2.00158510637908252240537862224],
                  (0.0, 17.0652165601579625588917206249)),
    "kepler": (kepler_f, None, [1 - ECC, 0.0, 0.0, np.sqrt((1 + ECC) / (1 - ECC))], (0.0, 20.0)),
}


def run(name, method, rtol, atol, repeats):
    f, jac, y0, tspan = PROBLEMS[name]
    kwargs = {"method": method, "rtol": rtol, "atol": atol}
    if jac is not None and method in ("Radau", "BDF", "LSODA"):
        kwargs["jac"] = jac
    sol = solve_ivp(f, tspan, np.array(y0, dtype=float), **kwargs)  # warm-up
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        sol = solve_ivp(f, tspan, np.array(y0, dtype=float), **kwargs)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return {
        "problem": name, "method": method, "rtol": rtol, "atol": atol,
        "seconds": float(np.median(cpu)), "wall_seconds": float(np.median(wall)), "nfev": int(sol.nfev), "njev": int(sol.njev),
        "nlu": int(sol.nlu), "status": int(sol.status), "y": [float(v) for v in sol.y[:, -1]],
    }


def main():
    req = json.load(sys.stdin)
    out = []
    for name in req["problems"]:
        for method in req["methods"]:
            for rtol in req["rtols"]:
                atol = rtol * req["atol_factor"].get(name, 1.0)
                out.append(run(name, method, rtol, atol, req.get("repeats", 5)))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
