// Facts in one round trip: a POSIX sh snippet prints `key=value` lines, parsed into ansible_* facts.
// Only /bin/sh, coreutils and /proc are assumed; `ip` is used when present.
import type { Connection } from '../connection/types.js'

const SCRIPT = String.raw`
p() { printf '%s=%s\n' "$1" "$2"; }
p hostname "$(uname -n)"
p fqdn "$(hostname -f 2>/dev/null || uname -n)"
p kernel "$(uname -r)"
p arch "$(uname -m)"
p system "$(uname -s)"
p cpus "$(nproc 2>/dev/null || grep -c ^processor /proc/cpuinfo)"
p mem_kb "$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)"
p user "$(id -un)"
if [ -r /etc/os-release ]; then
  ( . /etc/os-release; p os_id "$ID"; p os_like "$ID_LIKE"; p os_version "$VERSION_ID"; p os_codename "$VERSION_CODENAME"; p os_name "$NAME" )
fi
if command -v ip >/dev/null 2>&1; then
  p default_ipv4 "$(ip -4 route get 1.0.0.0 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
  p default_iface "$(ip -4 route show default 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n1)"
  p all_ipv4 "$(ip -4 -o addr show scope global 2>/dev/null | awk '{sub("/.*","",$4); printf "%s ", $4}')"
fi
p pid1 "$(cat /proc/1/comm 2>/dev/null)"
`

const familyById: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', raspbian: 'Debian',
  rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', ol: 'RedHat', amzn: 'RedHat',
  alpine: 'Alpine', arch: 'Archlinux', opensuse: 'Suse', sles: 'Suse', coreos: 'CoreOS', flatcar: 'Flatcar',
}

export async function gatherFacts(conn: Connection): Promise<Record<string, unknown>> {
  const result = await conn.run(SCRIPT)
  if (result.rc !== 0) throw new Error(`facts: ${result.stderr.trim() || `rc=${result.rc}`}`)
  return factsFromOutput(result.stdout)
}

export function factsFromOutput(stdout: string): Record<string, unknown> {
  const raw: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=')
    if (eq > 0) raw[line.slice(0, eq)] = line.slice(eq + 1)
  }
  const id = raw.os_id ?? ''
  const distribution = raw.os_name?.split(' ')[0] ?? raw.system
  const address = raw.default_ipv4 || undefined
  const version = raw.os_version ?? ''
  return {
    ansible_hostname: raw.hostname?.split('.')[0],
    ansible_nodename: raw.hostname,
    ansible_fqdn: raw.fqdn,
    ansible_kernel: raw.kernel,
    ansible_architecture: raw.arch,
    ansible_system: raw.system,
    ansible_os_family: familyById[id] ?? familyById[(raw.os_like ?? '').split(' ')[0]] ?? distribution,
    ansible_distribution: distribution,
    ansible_distribution_version: version,
    ansible_distribution_major_version: version.split('.')[0],
    ansible_distribution_release: raw.os_codename,
    ansible_processor_vcpus: Number(raw.cpus) || undefined,
    ansible_memtotal_mb: raw.mem_kb ? Math.floor(Number(raw.mem_kb) / 1024) : undefined,
    ansible_user_id: raw.user,
    ansible_default_ipv4: address ? { address, interface: raw.default_iface } : {},
    ansible_all_ipv4_addresses: (raw.all_ipv4 ?? '').trim().split(/\s+/).filter(Boolean),
    ansible_service_mgr: raw.pid1 === 'systemd' ? 'systemd' : 'sysvinit',
  }
}
