#!/usr/bin/env bash
# Installs the system packages bfrsim's tests and benchmarks need, from Debian's archive, when they
# are missing. Runs before `npm test` (pretest) and `npm run bench` (prebench), so a fresh machine
# needs no manual step. Usage: scripts/ensure-system-deps.sh test|bench
set -euo pipefail
what="${1:-test}"
py=/usr/bin/python3
need=()

has_py_module() { [ -x "$py" ] && "$py" -c "import $1" >/dev/null 2>&1; }

# Model export tests validate SBML with libSBML's own validator (Debian python3-sbml5).
has_py_module libsbml || need+=(python3-sbml5)
if [ "$what" = test ]; then
  # The notebooks' browser tests drive Debian's Chromium through playwright-core
  # (executablePath /usr/bin/chromium; no browser download). They fail, not skip, without it.
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
# Figures (PNG via resvg, browser screenshots) need a sans-serif font on the system.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "$what" = bench ]; then
  # Benchmarks time SciPy's solve_ivp on the same equations (Debian python3-scipy).
  has_py_module scipy || need+=(python3-scipy python3-numpy)
fi

[ ${#need[@]} -eq 0 ] && exit 0
echo "bfrsim: installing system packages: ${need[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "bfrsim: need root to install ${need[*]} (apt-get install ${need[*]})" >&2; exit 1
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || echo "bfrsim: apt-get update failed; trying the install with the current package lists" >&2
if ! $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
  echo "bfrsim: could not install ${need[*]} from Debian's archive; the tests that need them will fail" >&2
  exit 1
fi
