// The "restrictive" collectors and caps: selinux, apparmor, chroot, fips, system capabilities.
// selinux is read from selinuxfs and /etc/selinux/config, as libselinux does (Ansible needs Python's
// selinux bindings for it; without them it says "Missing selinux Python library").
import { defineCollector } from '../collector.js'
import { content, exists, lines } from '../raw.js'
import { capsAfterExec, capsFacts, capText } from './caps-text.js'
import { environ } from './user-env.js'

const SELINUXFS = '/sys/fs/selinux'

export const selinux = defineCollector({
  name: 'selinux',
  probe: () => ({ files: [`${SELINUXFS}/enforce`, `${SELINUXFS}/policyvers`, '/etc/selinux/config'] }),
  collect(raw) {
    const enforce = content(raw, `${SELINUXFS}/enforce`)
    if (enforce === undefined) return { selinux: { status: 'disabled' } }
    const config = (key: string) => lines(raw, '/etc/selinux/config').find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1).trim()
    const configMode = config('SELINUX')
    const policyvers = Number(content(raw, `${SELINUXFS}/policyvers`))
    return {
      selinux: {
        status: 'enabled',
        policyvers: Number.isInteger(policyvers) ? policyvers : 'unknown',
        config_mode: configMode && ['enforcing', 'permissive', 'disabled'].includes(configMode) ? configMode : 'unknown',
        mode: enforce === '1' ? 'enforcing' : enforce === '0' ? 'permissive' : 'unknown',
        type: config('SELINUXTYPE') ?? 'unknown',
      },
    }
  },
})

export const apparmor = defineCollector({
  name: 'apparmor',
  probe: () => ({ stat: ['/sys/kernel/security/apparmor'] }),
  collect: (raw) => ({ apparmor: { status: exists(raw, '/sys/kernel/security/apparmor') ? 'enabled' : 'disabled' } }),
})

export const fips = defineCollector({
  name: 'fips',
  probe: () => ({ files: ['/proc/sys/crypto/fips_enabled'] }),
  collect: (raw) => ({ fips: content(raw, '/proc/sys/crypto/fips_enabled') === '1' }),
})

// Root's inode number on file systems that do not use 2
const ROOT_INODE: Record<string, number> = { btrfs: 256, xfs: 128 }

export const chroot = defineCollector({
  name: 'chroot',
  factIds: ['is_chroot'],
  probe: () => ({ files: ['/proc/$$/environ', '/proc/mounts'], stat: ['/', '/proc/1/root/.'] }),
  collect(raw) {
    if (environ(raw).debian_chroot) return { is_chroot: true }
    const mine = raw.stat.get('/')
    const init = raw.stat.get('/proc/1/root/.')
    if (mine && init) return { is_chroot: mine.id !== init.id }
    // /proc/1/root is not ours to see: compare with the inode a file system root has
    const rootFs = lines(raw, '/proc/mounts')
      .map((l) => l.split(' '))
      .filter((f) => f[1] === '/')
      .pop()?.[2]
    const inode = mine ? Number(mine.id.split(':')[1]) : 2
    return { is_chroot: inode !== (ROOT_INODE[rootFs ?? ''] ?? 2) }
  },
})

export const caps = defineCollector({
  name: 'caps',
  factIds: ['system_capabilities', 'system_capabilities_enforced'],
  probe: () => ({ files: ['/proc/$$/status', '/proc/sys/kernel/cap_last_cap'], bins: ['capsh'] }),
  collect(raw) {
    const sets = capsAfterExec(raw.files.get('/proc/$$/status') ?? '')
    if (!raw.bins.has('capsh') || !sets) return { system_capabilities_enforced: 'N/A', system_capabilities: 'N/A' }
    return capsFacts(capText(sets, Number(content(raw, '/proc/sys/kernel/cap_last_cap') ?? 40)))
  },
})
