// What Ansible adds to any module result that has a `path` (or `dest`) that exists: owner, group, mode,
// state and size of the path (AnsibleModule.add_path_info), from a tp_probe record.
import type { Fields } from './snippet.js'

export function pathInfo(probe: Fields | undefined, now: { size?: number; mode?: number } = {}): Record<string, unknown> {
  if (!probe || probe.exists !== '1') return {}
  const mode = now.mode ?? parseInt(probe.mode, 8)
  const state = probe.type === 'l' ? 'link' : probe.type === 'd' ? 'directory' : 'file'
  return {
    // stat prints UNKNOWN for an id without a name; Python gives the number
    uid: Number(probe.uid), gid: Number(probe.gid), owner: probe.user === 'UNKNOWN' ? probe.uid : probe.user, group: probe.group === 'UNKNOWN' ? probe.gid : probe.group,
    mode: `0${(mode & 0o7777).toString(8).padStart(3, '0')}`, state, size: now.size ?? Number(probe.size),
  }
}
