// What Python's `distro` library (1.8, the one ansible-core uses on Debian 12) answers for id, version and
// codename, from the same sources: os-release, `lsb_release -a` and the /etc/*-release files. lsb_release
// is not run: its answer is derived from the files it reads itself (Debian's lsb-release-minimal reads
// os-release; Ubuntu's reads /etc/lsb-release), which spares the host a dozen processes.
import { shlexSplit } from '../../util/shlex.js'
import type { Raw } from '../raw.js'

export type Info = Record<string, string>

/** The files this module reads: give them to the probe. */
export const releaseFiles = ['/etc/os-release', '/usr/lib/os-release', '/etc/lsb-release', '/etc/debian_version', '/etc/*[-_]release', '/etc/*[-_]version']

export function osRelease(raw: Raw): Info {
  const text = raw.files.get('/etc/os-release') ?? raw.files.get('/usr/lib/os-release')
  if (text === undefined) return {}
  let tokens: string[]
  try {
    tokens = shlexSplit(text, { comments: true })
  } catch {
    return {}
  }
  const props: Info = {}
  for (const token of tokens) {
    const eq = token.indexOf('=')
    if (eq >= 0) props[token.slice(0, eq).toLowerCase()] = token.slice(eq + 1)
  }
  if ('version' in props) {
    const m = /\((\D+)\)|,\s*(\D+)/.exec(props.version)
    if (m) props.codename = props.release_codename = m[1] ?? m[2]
  }
  if ('version_codename' in props) props.codename = props.version_codename
  else if ('ubuntu_codename' in props) props.codename = props.ubuntu_codename
  return props
}

/** `lsb_release -a` as lines `Key:\tvalue`, or undefined when the host has no lsb_release. */
export function lsbReleaseOutput(raw: Raw): string | undefined {
  if (!raw.bins.has('lsb_release')) return undefined
  const distrib = raw.files.get('/etc/lsb-release')
  if (distrib && /^DISTRIB_ID=/m.test(distrib)) {
    // Ubuntu's lsb_release reports /etc/lsb-release
    const v = (k: string) => (new RegExp(`^DISTRIB_${k}=(.*)$`, 'm').exec(distrib)?.[1] ?? '').replace(/^["']|["']$/g, '') || 'n/a'
    return `Distributor ID:\t${v('ID')}\nDescription:\t${v('DESCRIPTION')}\nRelease:\t${v('RELEASE')}\nCodename:\t${v('CODENAME')}\n`
  }
  // Debian's lsb-release-minimal: os-release, ID capitalized (or NAME when they differ only in case)
  const os = sourcedOsRelease(raw)
  let id = os.ID ?? ''
  id = id.slice(0, 1).toUpperCase() + id.slice(1)
  if (os.NAME !== undefined && id.toLowerCase() === os.NAME.toLowerCase()) id = os.NAME
  const na = (s: string | undefined) => (s ? s : 'n/a')
  return `Distributor ID:\t${na(id)}\nDescription:\t${na(os.PRETTY_NAME)}\nRelease:\t${na(os.VERSION_ID)}\nCodename:\t${na(os.VERSION_CODENAME)}\n`
}

// os-release as a shell that sources it sees it (keys as written)
function sourcedOsRelease(raw: Raw): Info {
  const text = raw.files.get('/etc/os-release') ?? raw.files.get('/usr/lib/os-release') ?? ''
  const out: Info = {}
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim())
    if (!m) continue
    try {
      out[m[1]] = shlexSplit(m[2]).join(' ')
    } catch {
      out[m[1]] = m[2]
    }
  }
  return out
}

/** distro's lsb_release_info: the output's `Key: value` lines, keys lowercased with `_` for blanks. */
export function lsbInfo(raw: Raw): Info {
  const out: Info = {}
  for (const line of (lsbReleaseOutput(raw) ?? '').split('\n')) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    out[line.slice(0, colon).replace(/ /g, '_').toLowerCase()] = line.slice(colon + 1).trim()
  }
  return out
}

const RELEASE_IGNORED = new Set(['debian_version', 'lsb-release', 'oem-release', 'os-release', 'system-release', 'plesk-release', 'iredmail-release'])

/** distro's distro_release_info: the first /etc/*-release or *_version file (by name) whose first line parses. */
export function distroReleaseInfo(raw: Raw): Info {
  const names = [...raw.files.keys()]
    .filter((p) => /^\/etc\/[^/]+$/.test(p))
    .map((p) => p.slice(5))
    .filter((b) => !RELEASE_IGNORED.has(b))
    .sort()
  for (const base of names) {
    const m = /^(\w+)[-_](release|version)$/.exec(base)
    if (!m) continue
    const info = parseReleaseLine((raw.files.get(`/etc/${base}`) ?? '').split('\n')[0])
    if (!('name' in info)) continue
    info.id = m[1]
    if (info.name.toLowerCase().includes('cloudlinux')) info.id = 'cloudlinux'
    return info
  }
  return {}
}

/** A release line like `CentOS Linux release 7.9.2009 (Core)`: name, version_id, codename. */
export function parseReleaseLine(line: string): Info {
  const reversed = [...line.trim()].reverse().join('')
  const m = /^(?:[^)]*\)(.*)\()? *(?:STL )?([\d.+\-a-z]*\d) *(?:esaeler *)?(.+)/.exec(reversed)
  const rev = (s: string) => [...s].reverse().join('')
  if (m) {
    const info: Info = { name: rev(m[3]) }
    if (m[2]) info.version_id = rev(m[2])
    if (m[1]) info.codename = rev(m[1])
    return info
  }
  return line ? { name: line.trim() } : {}
}

const OS_ID: Info = { ol: 'oracle', 'opensuse-leap': 'opensuse' }
const LSB_ID: Info = {
  enterpriseenterpriseas: 'oracle',
  enterpriseenterpriseserver: 'oracle',
  redhatenterpriseworkstation: 'rhel',
  redhatenterpriseserver: 'rhel',
  redhatenterprisecomputenode: 'rhel',
}
const DISTRO_ID: Info = { redhat: 'rhel' }

/** distro.id(), distro.version(best), and the codename ansible-core's sys_info takes. */
export class Distro {
  readonly os: Info
  readonly lsb: Info
  readonly rel: Info
  constructor(private readonly raw: Raw) {
    this.os = osRelease(raw)
    this.lsb = lsbInfo(raw)
    this.rel = distroReleaseInfo(raw)
  }

  id(): string {
    const norm = (id: string, table: Info) => {
      const k = id.toLowerCase().replace(/ /g, '_')
      return table[k] ?? k
    }
    if (this.os.id) return norm(this.os.id, OS_ID)
    if (this.lsb.distributor_id) return norm(this.lsb.distributor_id, LSB_ID)
    if (this.rel.id) return norm(this.rel.id, DISTRO_ID)
    return ''
  }

  /** sys_info.get_distribution(): the id, capitalized as Python's str.capitalize() does */
  name(): string {
    const id = this.id()
    const name = id.slice(0, 1).toUpperCase() + id.slice(1).toLowerCase()
    return name === 'Amzn' ? 'Amazon' : name === 'Rhel' ? 'Redhat' : name || 'OtherLinux'
  }

  version(best = false): string {
    const versions = [
      this.os.version_id ?? '',
      this.lsb.release ?? '',
      this.rel.version_id ?? '',
      parseReleaseLine(this.os.pretty_name ?? '').version_id ?? '',
      parseReleaseLine(this.lsb.description ?? '').version_id ?? '',
    ]
    if (this.id() === 'debian' || (this.os.id_like ?? '').split(/\s+/).includes('debian')) {
      versions.push((this.raw.files.get('/etc/debian_version') ?? '').split('\n')[0].trimEnd())
    }
    let version = ''
    if (best) {
      for (const v of versions) if (count(v, '.') > count(version, '.') || version === '') version = v
    } else version = versions.find((v) => v !== '') ?? ''
    return version
  }

  /** sys_info.get_distribution_codename() */
  codename(): string | undefined {
    const c = this.os.version_codename ?? this.os.ubuntu_codename ?? (this.id() === 'ubuntu' ? this.lsb.codename : undefined)
    if (c !== undefined) return c
    const any = 'codename' in this.os ? this.os.codename : this.lsb.codename || this.rel.codename || ''
    return any === '' ? undefined : any
  }
}

function count(s: string, c: string): number {
  return s.split(c).length - 1
}
