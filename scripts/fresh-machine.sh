#!/bin/sh
# README's first command on a fresh machine, on demand (not part of npm test: it downloads a Debian base
# system and every npm package): a minimal Debian 12 root (debootstrap --variant=minbase) with only node
# and npm added, as nodesource's package lays them out, made the root of a private mount namespace.
# There: npm ci, tsplay lab up 3 --inventory inventory/lab, tsplay run playbooks/cluster.yml, lab down.
# Needs root, debootstrap, and node 20 with npm on this machine (copied in). The commit tested is HEAD.
# With `all`, README's second command (bash .ci/run: apt-get, npm ci, lint, every test) runs after it.
#   sh scripts/fresh-machine.sh [ROOT_DIR [all]]      (default /var/tmp/tsplay-fresh; reused when it exists)
set -eu
ROOT=${1:-/var/tmp/tsplay-fresh}
ALL=${2:-}
REPO=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$ROOT/usr/bin/apt-get" ] || debootstrap --variant=minbase bookworm "$ROOT" http://deb.debian.org/debian
# this machine's network settings, not the project's: name resolution, apt's local settings (mirror
# snapshots need Check-Valid-Until off) and, where NODE_EXTRA_CA_CERTS names one, the CA bundle that
# npm needs to reach the registry through this network (kept apart from the system's CA store, which
# starts empty: ca-certificates is one of the packages lab up installs)
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
for f in /etc/apt/apt.conf.d/*; do case "$(basename "$f")" in 99*) cp "$f" "$ROOT/etc/apt/apt.conf.d/" ;; esac; done
CA_ENV=
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" "$ROOT/usr/local/share/network-ca.crt"
  CA_ENV="NODE_EXTRA_CA_CERTS=/usr/local/share/network-ca.crt npm_config_cafile=/usr/local/share/network-ca.crt"
fi
# node and npm: the only things added to the base system
cp "$(command -v node)" "$ROOT/usr/bin/node"
rm -rf "$ROOT/usr/lib/node_modules" && mkdir -p "$ROOT/usr/lib/node_modules"
cp -a "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$ROOT/usr/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/bin/npx"
rm -rf "$ROOT/root/tsplay" && mkdir -p "$ROOT/root/tsplay"
git -C "$REPO" archive HEAD | tar -x -C "$ROOT/root/tsplay"
# README's first command, word for word, then the lab is removed whatever happened
readme=$(sed -n '/^```sh$/,/^```$/p' "$REPO/README.md" | grep -m1 'lab up')
second=true
[ "$ALL" = all ] && second=$(sed -n '/^```sh$/,/^```$/p' "$REPO/README.md" | sed -n 3p)
echo "--- in a fresh Debian 12 root: $readme"
[ "$ALL" = all ] && echo "--- then: $second"
# a private mount namespace whose root IS the fresh system (pivot_root, as a container runtime does):
# tools that enter a namespace (nsenter, setns) land in its root, as on a machine, not in this one's
exec unshare -m --propagation private sh -c "
  set -e
  mount --bind '$ROOT' '$ROOT'
  mount -t proc proc '$ROOT/proc'; mount --rbind /sys '$ROOT/sys'; mount --rbind /dev '$ROOT/dev'; mount -t tmpfs tmpfs '$ROOT/run'
  mkdir -p '$ROOT/.oldroot'; cd '$ROOT'; pivot_root . .oldroot; umount -l /.oldroot; rmdir /.oldroot
  exec /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb $CA_ENV \\
    /bin/sh -c 'cd /root/tsplay && { $readme; }; rc=\$?; npx tsplay lab down; echo \"--- README command exit code: \$rc\"; [ \$rc = 0 ] || exit \$rc
      CI=true $second; rc=\$?; echo \"--- second README command exit code: \$rc\"; exit \$rc'
"
