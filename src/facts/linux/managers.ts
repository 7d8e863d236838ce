// pkg_mgr and service_mgr, decided as ansible-core decides them: which package tools exist (the last one
// of its list wins, then the OS family corrects it), and what PID 1 is (else which init system's traces
// exist). On lab hosts PID 1 is sshd, so service_mgr is 'sshd' there, as Ansible says.
import { defineCollector, type Facts } from '../collector.js'
import { content, exists } from '../raw.js'

const PKG_MGRS: Array<[string, string]> = [
  ['/usr/bin/rpm-ostree', 'atomic_container'], ['/usr/bin/yum', 'yum'], ['/usr/bin/dnf', 'dnf'], ['/usr/bin/apt-get', 'apt'],
  ['/usr/bin/zypper', 'zypper'], ['/usr/sbin/urpmi', 'urpmi'], ['/usr/bin/pacman', 'pacman'], ['/bin/opkg', 'opkg'],
  ['/usr/pkg/bin/pkgin', 'pkgin'], ['/opt/local/bin/pkgin', 'pkgin'], ['/opt/tools/bin/pkgin', 'pkgin'], ['/opt/local/bin/port', 'macports'],
  ['/usr/local/bin/brew', 'homebrew'], ['/opt/homebrew/bin/brew', 'homebrew'], ['/sbin/apk', 'apk'], ['/usr/sbin/pkg', 'pkgng'],
  ['/usr/sbin/swlist', 'swdepot'], ['/usr/bin/emerge', 'portage'], ['/usr/sbin/pkgadd', 'svr4pkg'], ['/usr/bin/pkg', 'pkg5'],
  ['/usr/bin/xbps-install', 'xbps'], ['/usr/local/sbin/pkg', 'pkgng'], ['/usr/bin/swupd', 'swupd'], ['/usr/sbin/sorcery', 'sorcery'],
  ['/usr/bin/installp', 'installp'], ['/QOpenSys/pkgs/bin/yum', 'yum'],
]

// apt on an rpm system (ALT Linux style): rpm says which package owns apt-get
const APT_FLAVOR = `if [ -e /usr/bin/rpm ] && [ -e /usr/bin/apt-get ]; then /usr/bin/rpm -q --whatprovides /usr/bin/apt-get >/dev/null 2>&1 && echo apt_rpm || echo apt; fi`

export const pkgMgr = defineCollector({
  name: 'pkg_mgr',
  requires: ['distribution'],
  probe: () => ({ stat: [...PKG_MGRS.map(([p]) => p), '/run/ostree-booted'], steps: [['apt-flavor', APT_FLAVOR]] }),
  collect(raw, prior) {
    const candidates = prior.ansible_os_family === 'Altlinux' ? PKG_MGRS.filter(([p]) => p !== '/usr/bin/pkg') : PKG_MGRS
    const has = (name: string) => PKG_MGRS.some(([p, n]) => n === name && exists(raw, p))
    let name = 'unknown'
    for (const [path, mgr] of candidates) if (exists(raw, path)) name = mgr
    if (prior.ansible_os_family === 'RedHat') name = redHat(name, prior, has, exists(raw, '/run/ostree-booted'))
    else if (prior.ansible_os_family === 'Debian' && name !== 'apt') name = 'apt'
    else if (prior.ansible_os_family === 'Altlinux' && name === 'apt') name = 'apt_rpm'
    if (name === 'apt') name = raw.sections.get('apt-flavor')?.trim() || 'apt'
    return { pkg_mgr: name }
  },
})

function redHat(name: string, prior: Facts, has: (n: string) => boolean, ostree: boolean): string {
  if (ostree) return 'atomic_container'
  const major = Number.parseInt(String(prior.ansible_distribution_major_version), 10)
  const pick = (old: boolean) => (old ? (has('yum') ? 'yum' : name) : has('dnf') ? 'dnf' : name)
  if (prior.ansible_distribution === 'Fedora') return Number.isNaN(major) ? 'dnf' : pick(major < 23)
  if (prior.ansible_distribution === 'Amazon') return Number.isNaN(major) ? 'dnf' : pick(major < 2022)
  return major < 8 ? 'yum' : 'dnf'
}

const PROC_1_MAP: Record<string, string> = { procd: 'openwrt_init', 'runit-init': 'runit', svscan: 'svc', 'openrc-init': 'openrc' }

export const serviceMgr = defineCollector({
  name: 'service_mgr',
  requires: ['platform', 'distribution'],
  probe: () => ({
    files: ['/proc/1/comm'],
    stat: ['/run/systemd/system/', '/dev/.run/systemd/', '/dev/.systemd/', '/etc/init/', '/sbin/openrc', '/sbin/init', '/etc/init.d/'],
    bins: ['systemctl', 'initctl'],
  }),
  collect(raw, prior) {
    let proc1 = content(raw, '/proc/1/comm') ?? raw.stat.get('/sbin/init')?.target
    if (proc1 !== undefined) proc1 = proc1.slice(proc1.lastIndexOf('/') + 1).trim()
    if (proc1 === 'init' || proc1?.endsWith('sh')) proc1 = undefined
    if (proc1) return { service_mgr: PROC_1_MAP[proc1] ?? proc1 }
    if (prior.ansible_distribution === 'OpenWrt') return { service_mgr: 'openwrt_init' }
    let name = 'service'
    if (prior.ansible_system === 'Linux') {
      const systemctl = raw.bins.has('systemctl')
      const init = raw.stat.get('/sbin/init')?.target
      if (systemctl && ['/run/systemd/system/', '/dev/.run/systemd/', '/dev/.systemd/'].some((p) => exists(raw, p))) name = 'systemd'
      else if (raw.bins.has('initctl') && exists(raw, '/etc/init/', true)) name = 'upstart'
      else if (exists(raw, '/sbin/openrc')) name = 'openrc'
      else if (systemctl && init !== undefined && init.slice(init.lastIndexOf('/') + 1) === 'systemd') name = 'systemd'
      else if (exists(raw, '/etc/init.d/')) name = 'sysvinit'
    }
    return { service_mgr: name }
  },
})
