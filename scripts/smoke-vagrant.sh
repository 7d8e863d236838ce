#!/bin/sh
# npm run smoke:vagrant — the whole path on real VMs, for a machine with Vagrant and VirtualBox (the
# project's CI machines have neither, so this never runs there):
#   vagrant up (vagrant/Vagrantfile: 3 Debian VMs) → inventory from `vagrant ssh-config` (inventory/vagrant)
#   → playbooks/cluster.yml → the same run again, which must change nothing.
# The VMs are left running; `(cd vagrant && vagrant destroy -f)` removes them.
set -eu
cd "$(dirname "$0")/.."

command -v vagrant >/dev/null 2>&1 || { echo "smoke:vagrant: needs Vagrant (and VirtualBox): https://developer.hashicorp.com/vagrant" >&2; exit 1; }
npm run --silent build
tsplay() { node bin/tsplay.js "$@"; }

(cd vagrant && vagrant up --provider virtualbox)
tsplay inventory -i inventory/vagrant --graph
tsplay exec all -i inventory/vagrant -m wait_for_connection -a timeout=300

tsplay run playbooks/cluster.yml -i inventory/vagrant

rerun=$(mktemp)
trap 'rm -f "$rerun"' EXIT
tsplay run playbooks/cluster.yml -i inventory/vagrant --json >"$rerun"
node -e '
  const { stats } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
  const changed = Object.entries(stats).filter(([, s]) => s.changed > 0)
  if (changed.length) {
    console.error("smoke:vagrant: the second run changed " + changed.map(([h, s]) => h + " (changed=" + s.changed + ")").join(", "))
    process.exit(1)
  }
  console.log("smoke:vagrant: second run: changed=0 on " + Object.keys(stats).join(", "))
' "$rerun"
