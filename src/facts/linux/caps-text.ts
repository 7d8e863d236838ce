// The `Current:` line `capsh --print` would print, computed from the shell's /proc status (no process):
// the capabilities capsh would get when exec'd by that shell, in libcap's text form (cap_to_text: the
// most common flag combination first as `=flags`, then each other group as `names+added-removed`).

const NAMES = [
  'chown', 'dac_override', 'dac_read_search', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap', 'linux_immutable',
  'net_bind_service', 'net_broadcast', 'net_admin', 'net_raw', 'ipc_lock', 'ipc_owner', 'sys_module', 'sys_rawio', 'sys_chroot',
  'sys_ptrace', 'sys_pacct', 'sys_admin', 'sys_boot', 'sys_nice', 'sys_resource', 'sys_time', 'sys_tty_config', 'mknod', 'lease',
  'audit_write', 'audit_control', 'setfcap', 'mac_override', 'mac_admin', 'syslog', 'wake_alarm', 'block_suspend', 'audit_read',
  'perfmon', 'bpf', 'checkpoint_restore',
]

const E = 1
const I = 2
const P = 4

export interface CapSets {
  effective: bigint
  inheritable: bigint
  permitted: bigint
}

/** The sets a program without file capabilities gets when `status` (a /proc/PID/status text) execs it. */
export function capsAfterExec(status: string): CapSets | undefined {
  const field = (k: string) => {
    const m = new RegExp(`^${k}:\\s*([0-9a-f]+)`, 'm').exec(status)
    return m ? BigInt(`0x${m[1]}`) : undefined
  }
  const [inh, bnd, amb] = [field('CapInh'), field('CapBnd'), field('CapAmb') ?? 0n]
  const euid = /^Uid:\s*\d+\s+(\d+)/m.exec(status)?.[1]
  if (inh === undefined || bnd === undefined || euid === undefined) return undefined
  // root: permitted = inheritable | bounding, all effective; others keep only their ambient set
  const permitted = euid === '0' ? inh | bnd : amb
  return { effective: permitted, inheritable: inh, permitted }
}

/** libcap's cap_to_text for capabilities 0..lastCap. */
export function capText(sets: CapSets, lastCap: number): string {
  const state = (n: number) => {
    const bit = 1n << BigInt(n)
    return ((sets.effective & bit) !== 0n ? E : 0) | ((sets.inheritable & bit) !== 0n ? I : 0) | ((sets.permitted & bit) !== 0n ? P : 0)
  }
  const count = lastCap + 1
  const histo = new Array<number>(8).fill(0)
  for (let n = 0; n < count; n++) histo[state(n)]++
  let m = 7
  for (let t = 6; t >= 0; t--) if (histo[t] >= histo[m]) m = t
  const flags = (f: number) => `${f & E ? 'e' : ''}${f & I ? 'i' : ''}${f & P ? 'p' : ''}`
  let base = `=${flags(m)}`
  let text = ''
  for (let t = 7; t >= 0; t--) {
    if (t === m || !histo[t]) continue
    const names: string[] = []
    for (let n = 0; n < count; n++) if (state(n) === t) names.push(n < NAMES.length ? `cap_${NAMES[n]}` : String(n))
    let group = ` ${names.join(',')}`
    const added = t & ~m
    if (added) {
      let op = '+'
      if (base === '=' && text === '') {
        // libcap writes "= a,b+ep" as "a,b=ep"
        base = ''
        group = group.slice(1)
        op = '='
      }
      group += `${op}${flags(added)}`
    }
    const removed = ~t & m
    if (removed) group += `-${flags(removed)}`
    text += group
  }
  return base + text
}

/** Ansible's caps facts from capsh's `Current:` line. */
export function capsFacts(current: string): { system_capabilities_enforced: string; system_capabilities: string[] } {
  const line = `Current: ${current}`
  if (line.split(':')[1].trim() === '=ep') return { system_capabilities_enforced: 'False', system_capabilities: [] }
  return { system_capabilities_enforced: 'True', system_capabilities: line.split('=')[1].split(',').map((s) => s.trim()) }
}
