// How each family of Ansible's distribution-file list recognises its file and what it reads from it.
// undefined: not this distribution (the next file of the list is tried).
import type { Facts } from '../collector.js'
import { content, type Raw } from '../raw.js'
import type { Distro } from './os-release.js'

const SEARCH: Record<string, string> = { OracleLinux: 'Oracle Linux', RedHat: 'Red Hat', Altlinux: 'ALT', SMGL: 'Source Mage GNU/Linux' }

type Parser = (data: string, path: string, prior: Facts, raw: Raw, distro: Distro) => Facts | undefined

const group = (re: RegExp, s: string, i = 1): string | undefined => re.exec(s)?.[i]

const parsers: Record<string, Parser> = {
  Slackware(data) {
    if (!data.includes('Slackware')) return undefined
    const version = /\w+[.]\w+\+?/.exec(data)
    return { distribution: 'Slackware', ...(version ? { distribution_version: version[0] } : {}) }
  },
  Amazon(data, path) {
    if (!data.includes('Amazon')) return undefined
    const facts: Facts = { distribution: 'Amazon' }
    if (path === '/etc/os-release') {
      const version = group(/VERSION_ID="(.*)"/, data)
      if (version !== undefined) {
        const parts = version.split('.')
        Object.assign(facts, { distribution_version: version, distribution_major_version: parts[0], distribution_minor_version: parts.length > 1 ? parts[1] : 'NA' })
      }
    } else facts.distribution_version = data.split(/\s+/).find((w) => /^\d+$/.test(w)) ?? 'NA'
    return facts
  },
  OpenWrt(data) {
    if (!data.includes('OpenWrt')) return undefined
    const facts: Facts = { distribution: 'OpenWrt' }
    const version = group(/DISTRIB_RELEASE="(.*)"/, data)
    const release = group(/DISTRIB_CODENAME="(.*)"/, data)
    if (version !== undefined) facts.distribution_version = version
    if (release !== undefined) facts.distribution_release = release
    return facts
  },
  Alpine: (data) => ({ distribution: 'Alpine', distribution_version: data }),
  SUSE(data, path, prior, raw) {
    if (!data.toLowerCase().includes('suse')) return undefined
    const facts: Facts = {}
    const lower = data.toLowerCase()
    if (path === '/etc/os-release') {
      for (const line of data.split('\n')) {
        const name = group(/^NAME=(.*)/, line)
        if (name !== undefined) facts.distribution = name.replace(/^"+|"+$/g, '')
        const version = group(/^VERSION_ID="?([0-9]+\.?[0-9]*)"?/, line)
        if (version !== undefined) Object.assign(facts, { distribution_version: version, distribution_major_version: version.split('.')[0] })
        if (lower.includes('open')) {
          const release = group(/^VERSION_ID="?[0-9]+\.?([0-9]*)"?/, line)
          if (release !== undefined) facts.distribution_release = release
        } else if (lower.includes('enterprise') && line.includes('VERSION_ID')) {
          facts.distribution_release = group(/^VERSION_ID="?[0-9]+\.?([0-9]*)"?/, line) || '0'
        }
      }
    } else if (lower.includes('open')) {
      facts.distribution = data.split('\n')[0].split(/\s+/)[0]
      for (const line of data.split('\n')) {
        const release = group(/CODENAME *= *([^\n]+)/, line)
        if (release !== undefined) facts.distribution_release = release.trim()
      }
    } else if (lower.includes('enterprise')) {
      if (data.includes('Server')) facts.distribution = 'SLES'
      else if (data.includes('Desktop')) facts.distribution = 'SLED'
      for (const line of data.split('\n')) {
        const release = group(/PATCHLEVEL = ([0-9]+)/, line)
        if (release !== undefined) Object.assign(facts, { distribution_release: release, distribution_version: `${prior.distribution_version as string}.${release}` })
      }
    }
    const base = raw.stat.get('/etc/products.d/baseproduct')
    if (base?.target?.endsWith('SLES_SAP.prod')) facts.distribution = 'SLES_SAP'
    return facts
  },
  Debian(data, path, prior, raw) {
    if (data.includes('Debian') || data.includes('Raspbian')) {
      const facts: Facts = { distribution: 'Debian' }
      const release = group(/PRETTY_NAME=[^(]+ \(?([^)]+?)\)/, data)
      if (release !== undefined) facts.distribution_release = release
      // (Ansible asks dpkg for tzdata's codename when os-release has none; tsplay leaves 'NA')
      for (const line of (content(raw, '/etc/debian_version') ?? '').split('\n')) {
        const m = /(\d+)\.(\d+)/.exec(line.trim())
        if (m) facts.distribution_minor_version = m[2]
      }
      return facts
    }
    if (data.includes('Ubuntu')) return { distribution: 'Ubuntu' }
    if (data.includes('SteamOS')) return { distribution: 'SteamOS' }
    if ((path === '/etc/lsb-release' || path === '/etc/os-release') && (data.includes('Kali') || data.includes('Parrot'))) {
      const facts: Facts = { distribution: data.includes('Kali') ? 'Kali' : 'Parrot' }
      const release = group(/DISTRIB_RELEASE=(.*)/, data)
      if (release !== undefined) facts.distribution_release = release
      return facts
    }
    if (data.includes('Devuan')) {
      const facts: Facts = { distribution: 'Devuan' }
      const release = group(/PRETTY_NAME="?[^("]+ \(?([^) "]+)\)?/, data)
      const version = group(/VERSION_ID="(.*)"/, data)
      if (release !== undefined) facts.distribution_release = release
      if (version !== undefined) Object.assign(facts, { distribution_version: version, distribution_major_version: version })
      return facts
    }
    if (data.includes('Cumulus')) {
      const facts: Facts = { distribution: 'Cumulus Linux' }
      const version = group(/VERSION_ID=(.*)/, data)
      if (version !== undefined) Object.assign(facts, { distribution_version: version, distribution_major_version: version.split('.')[0] })
      const release = group(/VERSION="(.*)"/, data)
      if (release !== undefined) facts.distribution_release = release
      return facts
    }
    if (data.includes('Mint')) return withVersion({ distribution: 'Linux Mint' }, data)
    if (data.includes('UOS') || data.includes('Uos') || data.includes('uos')) return withCodename(withVersion({ distribution: 'Uos' }, data), data)
    if (data.includes('Deepin') || data.includes('deepin')) return withCodename(withVersion({ distribution: 'Deepin' }, data), data)
    return undefined
  },
  Mandriva(data) {
    if (!data.includes('Mandriva')) return undefined
    const facts: Facts = { distribution: 'Mandriva' }
    const version = group(/DISTRIB_RELEASE="(.*)"/, data)
    const release = group(/DISTRIB_CODENAME="(.*)"/, data)
    if (version !== undefined) facts.distribution_version = version
    if (release !== undefined) facts.distribution_release = release
    return facts
  },
  NA(data, _path, prior) {
    const facts: Facts = {}
    for (const line of data.split('\n')) {
      const name = group(/^NAME=(.*)/, line)
      if (name !== undefined) facts.distribution = name.replace(/^"+|"+$/g, '')
      const version = group(/^VERSION=(.*)/, line)
      if (version !== undefined && prior.distribution_version === 'NA') facts.distribution_version = version.replace(/^"+|"+$/g, '')
    }
    return facts
  },
  Coreos(data, _path, _prior, _raw, distro) {
    if (distro.name().toLowerCase() !== 'coreos' || !data) return undefined
    const release = group(/^GROUP=(.*)/, data)
    return release === undefined ? {} : { distribution_release: release.replace(/^"+|"+$/g, '') }
  },
  Flatcar(data, _path, _prior, _raw, distro) {
    if (distro.name().toLowerCase() !== 'flatcar' || !data) return undefined
    const version = group(/VERSION=(.*)/, data)?.replace(/^"+|"+$/g, '')
    return version === undefined ? {} : { distribution_major_version: version.split('.')[0], distribution_version: version }
  },
  ClearLinux(data) {
    const facts: Facts = {}
    const name = group(/NAME="(.*)"/, data)
    if (name !== undefined) {
      if (!name.includes('Clear Linux')) return undefined
      facts.distribution = name
    }
    const version = group(/VERSION_ID=(.*)/, data)
    if (version !== undefined) Object.assign(facts, { distribution_major_version: version, distribution_version: version })
    const release = group(/ID=(.*)/, data)
    if (release !== undefined) facts.distribution_release = release
    return facts
  },
  CentOS(data) {
    if (data.includes('CentOS Stream')) return { distribution_release: 'Stream' }
    if (data.includes('TencentOS Server')) return { distribution: 'TencentOS' }
    return undefined
  },
}

function withVersion(facts: Facts, data: string): Facts {
  const version = group(/VERSION_ID="(.*)"/, data)
  if (version !== undefined) Object.assign(facts, { distribution_version: version, distribution_major_version: version.split('.')[0] })
  return facts
}

function withCodename(facts: Facts, data: string): Facts {
  const release = group(/VERSION_CODENAME="?([^"]+)"?/, data)
  if (release !== undefined) facts.distribution_release = release
  return facts
}

/** The facts `name`'s rule reads from the (stripped) file, or undefined when the file is not its. */
export function parseDistFile(name: string, text: string, path: string, prior: Facts, raw: Raw, distro: Distro): Facts | undefined {
  const data = text.replace(/^['"\\]+|['"\\]+$/g, '')
  if (name in SEARCH) {
    return data.includes(SEARCH[name]) ? { distribution: name, distribution_file_search_string: SEARCH[name] } : { distribution: data.split(/\s+/)[0] }
  }
  if (name === 'Archlinux') return data.includes('Arch Linux') ? { distribution: name } : undefined
  const parse = parsers[name]
  return parse ? parse(data, path, prior, raw, distro) : undefined
}
