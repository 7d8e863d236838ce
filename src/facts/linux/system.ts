// Small file-backed collectors: kernel command line, load average, SSH host keys, DNS resolver,
// and the storage initiator names (iSCSI, NVMe, Fibre Channel).
import { defineCollector, type Facts } from '../collector.js'
import { children, content, lines } from '../raw.js'

/** Python's shlex.split(s, posix=False): quotes stay in the word, and a closing quote ends it. */
export function splitNonPosix(s: string): string[] {
  const out: string[] = []
  let token = ''
  let state: ' ' | 'a' | '"' | "'" = ' '
  for (const c of s) {
    if (state === ' ') {
      if (/\s/.test(c)) continue
      token = c
      state = c === '"' || c === "'" ? c : 'a'
    } else if (state === 'a') {
      if (/\s/.test(c)) {
        out.push(token)
        state = ' '
      } else token += c
    } else {
      token += c
      if (c === state) {
        out.push(token)
        state = ' '
      }
    }
  }
  if (state === '"' || state === "'") throw new Error('No closing quotation')
  if (state === 'a') out.push(token)
  return out
}

export const cmdline = defineCollector({
  name: 'cmdline',
  probe: () => ({ files: ['/proc/cmdline'] }),
  collect(raw) {
    const data = content(raw, '/proc/cmdline')
    if (!data) return {}
    let pieces: string[] = []
    try {
      pieces = splitNonPosix(data)
    } catch {
      // Ansible gives empty dicts for a line it cannot split
    }
    const flat: Facts = {}
    const multi: Facts = {}
    for (const piece of pieces) {
      const eq = piece.indexOf('=')
      if (eq < 0) {
        flat[piece] = true
        multi[piece] = true
        continue
      }
      const [k, v] = [piece.slice(0, eq), piece.slice(eq + 1)]
      flat[k] = v
      const prev = multi[k]
      multi[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    return { cmdline: flat, proc_cmdline: multi }
  },
})

export const loadavg = defineCollector({
  name: 'loadavg',
  probe: () => ({ files: ['/proc/loadavg'] }),
  collect(raw) {
    const [a, b, c] = (content(raw, '/proc/loadavg') ?? '').split(/\s+/).map(Number)
    return c === undefined || Number.isNaN(c) ? {} : { loadavg: { '1m': a, '5m': b, '15m': c } }
  },
})

const KEY_DIRS = ['/etc/ssh', '/etc/openssh', '/etc']
const ALGOS = ['dsa', 'rsa', 'ecdsa', 'ed25519']

export const sshPubKeys = defineCollector({
  name: 'ssh_pub_keys',
  factIds: ['ssh_host_pub_keys', 'ssh_host_key_dsa_public', 'ssh_host_key_rsa_public', 'ssh_host_key_ecdsa_public', 'ssh_host_key_ed25519_public'],
  probe: () => ({ files: KEY_DIRS.flatMap((d) => ALGOS.map((a) => `${d}/ssh_host_${a}_key.pub`)) }),
  collect(raw) {
    const facts: Facts = {}
    for (const dir of KEY_DIRS) {
      for (const algo of ALGOS) {
        const name = `ssh_host_key_${algo}_public`
        // Ansible stops at the first key it already has from an earlier directory
        if (name in facts) return facts
        const data = content(raw, `${dir}/ssh_host_${algo}_key.pub`)
        if (data === undefined) continue
        const [keytype, key] = data.split(/\s+/)
        facts[name] = key
        facts[`${name}_keytype`] = keytype
      }
    }
    return facts
  },
})

export const dns = defineCollector({
  name: 'dns',
  probe: () => ({ files: ['/etc/resolv.conf'] }),
  collect(raw) {
    const dns: Record<string, unknown> = {}
    for (const line of (raw.files.get('/etc/resolv.conf') ?? '').split('\n')) {
      if (line.startsWith('#') || line.startsWith(';') || line.trim() === '') continue
      const [key, ...values] = line.trim().split(/\s+/)
      if (key === 'nameserver') dns.nameservers = [...((dns.nameservers as string[]) ?? []), ...values]
      else if (key === 'domain' && values.length) dns.domain = values[0]
      else if (key === 'search') dns.search = values
      else if (key === 'sortlist') dns.sortlist = values
      else if (key === 'options') {
        const options: Record<string, unknown> = {}
        for (const option of values) {
          const colon = option.indexOf(':')
          options[colon < 0 ? option : option.slice(0, colon)] = colon < 0 || option.slice(colon + 1) === '' ? true : option.slice(colon + 1)
        }
        dns.options = options
      }
    }
    return { dns }
  },
})

export const iscsi = defineCollector({
  name: 'iscsi',
  probe: () => ({ files: ['/etc/iscsi/initiatorname.iscsi'] }),
  collect(raw) {
    const line = lines(raw, '/etc/iscsi/initiatorname.iscsi').find((l) => l.startsWith('InitiatorName='))
    return { iscsi_iqn: line ? line.slice('InitiatorName='.length) : '' }
  },
})

export const nvme = defineCollector({
  name: 'nvme',
  probe: () => ({ files: ['/etc/nvme/hostnqn'] }),
  collect(raw) {
    const line = lines(raw, '/etc/nvme/hostnqn').find((l) => l.startsWith('nqn.'))
    return { hostnqn: line ?? '' }
  },
})

export const fibreChannelWwn = defineCollector({
  name: 'fibre_channel_wwn',
  probe: () => ({ files: ['/sys/class/fc_host/*/port_name'] }),
  collect(raw) {
    const wwn = children(raw, '/sys/class/fc_host', 'files').flatMap((host) =>
      lines(raw, `/sys/class/fc_host/${host}/port_name`).map((l) => l.trimEnd().slice(2)),
    )
    return { fibre_channel_wwn: wwn }
  },
})
