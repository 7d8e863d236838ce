// mounts: the mount table's real devices (ansible-core skips pseudo file systems), each with the
// file system's sizes from ONE `stat -f` for all of them (under `timeout` when one is a network mount),
// bind mounts marked from mountinfo (what findmnt shows ansible-core) and UUIDs from /dev/disk/by-uuid
// (what lsblk shows it).
import type { Facts, GatherOptions } from '../collector.js'
import { children, content, exists, type Raw } from '../raw.js'

// The mount points worth a statfs, from the same table the controller parses; octal escapes (\040) are
// decoded by printf's %b, in a subshell only for the rare names that have one.
const step = (timeoutS: number) => `mt=/etc/mtab; [ -e "$mt" ] || mt=/proc/mounts
set --; net=
while read -r dev mnt fst rest; do
  case $fst in none) continue;; esac
  case $dev in /*|\\\\*) ;; *:/*) net=1;; *) continue;; esac
  case $mnt in *\\\\*) mnt=$(printf '%b' "$mnt");; esac
  set -- "$@" "$mnt"
done < "$mt"
if [ $# -gt 0 ]; then
  if [ -n "$net" ] && command -v timeout >/dev/null 2>&1; then timeout ${Math.max(1, Math.round(timeoutS))} stat -f -c '%S %s %b %a %c %d %n' -- "$@"
  else stat -f -c '%S %s %b %a %c %d %n' -- "$@"; fi 2>/dev/null
fi`

export const mountsProbe = (options: GatherOptions) => ({
  files: ['/etc/mtab', '/proc/mounts', '/proc/self/mountinfo', '/sys/block/dm-*/dm/name'],
  stat: ['/etc/mtab', '/dev/disk/by-uuid/*'],
  bins: ['findmnt', 'lsblk', 'udevadm'],
  steps: [['statfs', step(options.timeoutS)]] as Array<[string, string]>,
})

const unescape = (s: string) => s.replace(/\\[0-7]{3}/g, (m) => String.fromCharCode(parseInt(m.slice(1), 8)))

function sizes(raw: Raw): Map<string, Facts> {
  const out = new Map<string, Facts>()
  for (const line of (raw.sections.get('statfs') ?? '').split('\n')) {
    const m = /^(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (.*)$/.exec(line)
    if (!m) continue
    const [frsize, bsize, blocks, bavail, files, favail] = m.slice(1, 7).map(Number)
    out.set(m[7], {
      size_total: frsize * blocks,
      size_available: frsize * bavail,
      block_size: bsize,
      block_total: blocks,
      block_available: bavail,
      block_used: blocks - bavail,
      inode_total: files,
      inode_available: favail,
      inode_used: files - favail,
    })
  }
  return out
}

/** Mount points whose source is a subtree (findmnt's `dev[/path]`): bind mounts, btrfs subvolumes. */
function bindMounts(raw: Raw): Set<string> {
  const out = new Set<string>()
  if (!raw.bins.has('findmnt')) return out
  for (const line of (raw.files.get('/proc/self/mountinfo') ?? '').split('\n')) {
    const f = line.split(' ')
    if (f.length > 4 && f[3] !== '/') out.add(unescape(f[4]))
  }
  return out
}

/** device path → UUID, as `lsblk --paths` names devices (dm devices as /dev/mapper/NAME) */
function uuids(raw: Raw): Map<string, string> {
  const out = new Map<string, string>()
  if (!raw.bins.has('lsblk') && !raw.bins.has('udevadm')) return out
  for (const uuid of children(raw, '/dev/disk/by-uuid')) {
    const target = raw.stat.get(`/dev/disk/by-uuid/${uuid}`)?.target
    if (target === undefined) continue
    const dev = target.slice(target.lastIndexOf('/') + 1)
    out.set(`/dev/${dev}`, uuid)
    const dm = /^dm-\d+$/.test(dev) ? content(raw, `/sys/block/${dev}/dm/name`) : undefined
    if (dm) out.set(`/dev/mapper/${dm}`, uuid)
  }
  return out
}

export function mountFacts(raw: Raw): Facts {
  const table = exists(raw, '/etc/mtab') ? raw.files.get('/etc/mtab') : raw.files.get('/proc/mounts')
  const statfs = sizes(raw)
  const binds = bindMounts(raw)
  const ids = uuids(raw)
  const mounts: Facts[] = []
  for (const line of (table ?? '').split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 4) continue
    const [device, mount, fstype, options] = fields.map(unescape)
    if ((!device.startsWith('/') && !device.startsWith('\\') && !device.includes(':/')) || fstype === 'none') continue
    const info: Facts = { mount, device, fstype, options: binds.has(mount) && !/.*bind.*"/.test(options) ? `${options},bind` : options }
    Object.assign(info, statfs.get(mount) ?? {})
    info.uuid = ids.get(device) ?? 'N/A'
    mounts.push(info)
  }
  return { mounts }
}
