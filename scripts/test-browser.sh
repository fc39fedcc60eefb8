#!/bin/sh
# The Playground browser test (issue #6): install Chromium and the emoji font if needed (root, Debian), then run the
# bot, the Playground and Chromium in a loopback-only network namespace: the page asks a font CDN and the
# Playground probes telemetry hosts, and none of that may leave the machine.
set -e
cd "$(dirname "$0")/.."
node dist/tests/browser/browserPrerequisites.js
MOCHA="node_modules/.bin/mocha --no-config --timeout 90000 --exit --enable-source-maps --node-option disable-warning=DEP0111 dist/tests/browser/*.test.js"
INNER="ip link set lo up && ENTRA_LOOPBACK_ONLY=1 exec $MOCHA"
if unshare -n true 2>/dev/null; then
  exec unshare -n sh -c "$INNER"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn sh -c "$INNER"
else
  echo "browser test skipped: cannot create a loopback-only network namespace here (needs root or user namespaces)"
fi
