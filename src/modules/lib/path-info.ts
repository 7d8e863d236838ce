// What Ansible adds to any module result that has a `path` (or `dest`) that exists: owner, group, mode,
// state and size of the path (AnsibleModule.add_path_info), from a tp_probe record.
import type { Fields } from './snippet.js'

export function pathInfo(probe: Fields | undefined, now: { size?: number; mode?: number } = {}): Record<string, unknown> {
  const info = infoOfProbe(probe)
  if (!info) return {}
  const mode = now.mode ?? parseInt(info.mode, 8)
  return { ...pathInfoRecord(info), mode: `0${(mode & 0o7777).toString(8).padStart(3, '0')}`, size: now.size ?? Number(info.size) }
}

/** tp_pinfo's record made from a tp_probe record (the same stat): no second stat of the path is needed. */
export function infoOfProbe(probe: Fields | undefined): Fields | undefined {
  if (!probe || probe.exists !== '1') return undefined
  const state = probe.type === 'l' ? 'link' : probe.type === 'd' ? 'directory' : Number(probe.nlink) > 1 ? 'hard' : 'file'
  return { uid: probe.uid, gid: probe.gid, owner: probe.user, group: probe.group, mode: probe.mode, size: probe.size, state }
}

// The same keys read fresh, for a module that has no tp_probe record of the path as it ends up (file,
// unarchive's dest): `tp_pinfo PATH` prints an `id=info` record, nothing when nothing is there (Python's
// os.path.exists follows links: a dangling one counts as absent). Owner, mode and size are lstat's; the
// state is what Ansible's get_state says: link, directory, hard (a file with more than one name), file.
export const PATH_INFO_SH = String.raw`tp_pinfo() {
  [ -e "$1" ] || return 0
  set -f; set -- "$1" $(stat -c '%u %g %U %G %a %s %h' -- "$1"); set +f
  if [ -L "$1" ]; then _t=link; elif [ -d "$1" ]; then _t=directory; elif [ "$8" -gt 1 ]; then _t=hard; else _t=file; fi
  printf '__TSPLAY__ id=info uid=%s gid=%s owner=%s group=%s mode=%s size=%s state=%s\n' "$2" "$3" "$4" "$5" "$6" "$7" "$_t"
}`

/** Ansible's path keys from tp_pinfo's record; without one the path is absent (state alone). */
export function pathInfoRecord(info: Fields | undefined): Record<string, unknown> {
  if (!info) return { state: 'absent' }
  return {
    // stat prints UNKNOWN for an id without a name; Python gives the number
    uid: Number(info.uid), gid: Number(info.gid), owner: info.owner === 'UNKNOWN' ? info.uid : info.owner, group: info.group === 'UNKNOWN' ? info.gid : info.group,
    mode: `0${info.mode.padStart(3, '0')}`, state: info.state, size: Number(info.size),
  }
}
