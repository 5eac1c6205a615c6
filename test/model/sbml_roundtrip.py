"""Round trip of a bfrsim SBML export, independent of bfrsim: libSBML reads and validates the
file, function definitions are expanded by libSBML's own converter, and the rate rules are
integrated with classical RK4 in plain Python.

usage: python3 sbml_roundtrip.py FILE.xml '{"param": value}' T_END DT
prints JSON: {"errors": [...], "warnings": n, "ids": [...], "y": [...]} (y at T_END, SI)
"""
import json, math, re, sys
import libsbml

path, overrides, t_end, dt = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
doc = libsbml.readSBMLFromFile(path)
doc.setConsistencyChecks(libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, True)
doc.checkConsistency()
errors, warnings = [], 0
for i in range(doc.getNumErrors()):
    e = doc.getError(i)
    if e.getSeverity() >= libsbml.LIBSBML_SEV_ERROR:
        errors.append(f"{e.getErrorId()} line {e.getLine()}: {e.getMessage().strip()}")
    else:
        warnings += 1
props = libsbml.ConversionProperties()
props.addOption("expandFunctionDefinitions", True)
if doc.convert(props) != libsbml.LIBSBML_OPERATION_SUCCESS:
    errors.append("could not expand function definitions")
model = doc.getModel()

settings = libsbml.L3ParserSettings()
settings.setParseUnits(False)
def py(ast):
    s = libsbml.formulaToL3StringWithSettings(ast, settings)
    s = s.replace("^", "**").replace("&&", " and ").replace("||", " or ")
    return re.sub(r"!(?!=)", " not ", s)

def piecewise(*a):
    for k in range(0, len(a) - 1, 2):
        if a[k + 1]:
            return a[k]
    return a[-1] if len(a) % 2 else 0.0

env = {"exp": math.exp, "ln": math.log, "log10": math.log10, "log": lambda b, x: math.log(x, b),
       "sqrt": math.sqrt, "abs": abs, "min": min, "max": max, "tanh": math.tanh, "pow": math.pow,
       "piecewise": piecewise, "true": True, "false": False, "__builtins__": {}}
values = {p.getId(): p.getValue() for p in model.getListOfParameters()}
values.update(overrides)
assign = [(r.getVariable(), compile(py(r.getMath()), "<rule>", "eval")) for r in model.getListOfRules() if r.isAssignment()]
rates = [(r.getVariable(), compile(py(r.getMath()), "<rate>", "eval")) for r in model.getListOfRules() if r.isRate()]
ids = [v for v, _ in rates]

def settle(scope):
    for _ in range(len(assign) + 1):  # repeated passes need no ordering of the rules
        for v, code in assign:
            try:
                scope[v] = eval(code, env, scope)
            except (NameError, TypeError, ZeroDivisionError, ValueError):
                pass
    return scope

scope = dict(values)
scope["time"] = 0.0
settle(scope)
for ia in model.getListOfInitialAssignments():
    scope[ia.getSymbol()] = eval(compile(py(ia.getMath()), "<init>", "eval"), env, scope)
y = [scope[v] for v in ids]

def f(t, y):
    scope = dict(values)
    scope["time"] = t
    scope.update(zip(ids, y))
    for v, code in assign:
        scope[v] = eval(code, env, scope)
    return [eval(code, env, scope) for _, code in rates]

t, steps = 0.0, int(round(t_end / dt))
for _ in range(steps):
    k1 = f(t, y)
    k2 = f(t + dt / 2, [a + dt / 2 * b for a, b in zip(y, k1)])
    k3 = f(t + dt / 2, [a + dt / 2 * b for a, b in zip(y, k2)])
    k4 = f(t + dt, [a + dt * b for a, b in zip(y, k3)])
    y = [a + dt / 6 * (b + 2 * c + 2 * d + e) for a, b, c, d, e in zip(y, k1, k2, k3, k4)]
    t += dt
print(json.dumps({"errors": errors, "warnings": warnings, "ids": ids, "y": y}))
