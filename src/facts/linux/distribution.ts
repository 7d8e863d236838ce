// distribution: ansible-core's answer (DistributionFiles + sys_info's guess), rebuilt from its observed
// behaviour: a guess from the `distro` library (os-release, lsb_release, release files), then the first
// distribution file of Ansible's list that its family's rule recognises, then os_family.
import { defineCollector, type Facts } from '../collector.js'
import { content, type Raw } from '../raw.js'
import { Distro, releaseFiles } from './os-release.js'
import { parseDistFile } from './dist-files.js'

// Ansible's list, in its order: [path, name, empty file allowed]
const DIST_FILES: Array<[string, string, boolean?]> = [
  ['/etc/altlinux-release', 'Altlinux'],
  ['/etc/oracle-release', 'OracleLinux'],
  ['/etc/slackware-version', 'Slackware'],
  ['/etc/centos-release', 'CentOS'],
  ['/etc/redhat-release', 'RedHat'],
  ['/etc/vmware-release', 'VMwareESX', true],
  ['/etc/openwrt_release', 'OpenWrt'],
  ['/etc/os-release', 'Amazon'],
  ['/etc/system-release', 'Amazon'],
  ['/etc/alpine-release', 'Alpine'],
  ['/etc/arch-release', 'Archlinux', true],
  ['/etc/os-release', 'Archlinux'],
  ['/etc/os-release', 'SUSE'],
  ['/etc/SuSE-release', 'SUSE'],
  ['/etc/gentoo-release', 'Gentoo'],
  ['/etc/os-release', 'Debian'],
  ['/etc/lsb-release', 'Debian'],
  ['/etc/lsb-release', 'Mandriva'],
  ['/etc/sourcemage-release', 'SMGL'],
  ['/usr/lib/os-release', 'ClearLinux'],
  ['/etc/coreos/update.conf', 'Coreos'],
  ['/etc/os-release', 'Flatcar'],
  ['/etc/os-release', 'NA'],
]

const FAMILIES: Record<string, string[]> = {
  RedHat: ['RedHat', 'RHEL', 'Fedora', 'CentOS', 'Scientific', 'SLC', 'Ascendos', 'CloudLinux', 'PSBM', 'OracleLinux', 'OVS', 'OEL', 'Amazon', 'Virtuozzo', 'XenServer', 'Alibaba', 'EulerOS', 'openEuler', 'AlmaLinux', 'Rocky', 'TencentOS', 'EuroLinux', 'Kylin Linux Advanced Server'],
  Debian: ['Debian', 'Ubuntu', 'Raspbian', 'Neon', 'KDE neon', 'Linux Mint', 'SteamOS', 'Devuan', 'Kali', 'Cumulus Linux', 'Pop!_OS', 'Parrot', 'Pardus GNU/Linux', 'Uos', 'Deepin', 'OSMC'],
  Suse: ['SuSE', 'SLES', 'SLED', 'openSUSE', 'openSUSE Tumbleweed', 'SLES_SAP', 'SUSE_LINUX', 'openSUSE Leap'],
  Archlinux: ['Archlinux', 'Antergos', 'Manjaro'],
  Mandrake: ['Mandrake', 'Mandriva'],
  Solaris: ['Solaris', 'Nexenta', 'OmniOS', 'OpenIndiana', 'SmartOS'],
  Slackware: ['Slackware'],
  Altlinux: ['Altlinux'],
  SGML: ['SGML'],
  Gentoo: ['Gentoo', 'Funtoo'],
  Alpine: ['Alpine'],
  AIX: ['AIX'],
  'HP-UX': ['HPUX'],
  Darwin: ['MacOSX'],
  FreeBSD: ['FreeBSD', 'TrueOS'],
  ClearLinux: ['Clear Linux OS', 'Clear Linux Mix'],
  DragonFly: ['DragonflyBSD', 'DragonFlyBSD', 'Gentoo/DragonflyBSD', 'Gentoo/DragonFlyBSD'],
  NetBSD: ['NetBSD'],
}
const FAMILY_OF = new Map(Object.entries(FAMILIES).flatMap(([family, names]) => names.map((n) => [n, family] as const)))

export const distribution = defineCollector({
  name: 'distribution',
  factIds: ['distribution_version', 'distribution_release', 'distribution_major_version', 'os_family'],
  probe: () => ({
    files: [...releaseFiles, ...DIST_FILES.map(([p]) => p), '/proc/sys/kernel/osrelease', '/proc/sys/kernel/version'],
    stat: ['/etc/products.d/baseproduct'],
    bins: ['lsb_release'],
  }),
  collect(raw) {
    const facts: Facts = {
      distribution: 'Linux',
      distribution_release: content(raw, '/proc/sys/kernel/osrelease') ?? '',
      distribution_version: content(raw, '/proc/sys/kernel/version') ?? '',
      ...distFileFacts(raw),
    }
    const name = facts.distribution as string
    facts.os_family = FAMILY_OF.get(name) ?? name
    return facts
  },
})

function guess(distro: Distro): Facts {
  const id = distro.id()
  let version = distro.version()
  if (id === 'centos') version = distro.version(true).split('.').slice(0, 2).join('.')
  if (id === 'debian') version = distro.version(true)
  const codename = distro.codename()
  const facts: Facts = {
    distribution: distro.name() || 'NA',
    distribution_version: version || 'NA',
    distribution_release: codename === undefined ? 'NA' : codename,
  }
  facts.distribution_major_version = (facts.distribution_version as string).split('.')[0] || 'NA'
  return facts
}

function distFileFacts(raw: Raw): Facts {
  const distro = new Distro(raw)
  const facts = guess(distro)
  for (const [path, name, allowEmpty] of DIST_FILES) {
    const text = raw.files.get(path)
    if (text === undefined || (!allowEmpty && text.length === 0)) continue
    if (allowEmpty) {
      Object.assign(facts, { distribution: name, distribution_file_path: path, distribution_file_variety: name })
      break
    }
    const parsed = parseDistFile(name, text.trim(), path, facts, raw, distro)
    if (parsed) {
      Object.assign(facts, { distribution: name, distribution_file_path: path, distribution_file_variety: name, distribution_file_parsed: true }, parsed)
      break
    }
  }
  return facts
}
