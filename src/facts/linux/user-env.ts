// env and user: the environment and credentials of the shell the facts were gathered by (its
// /proc/PID/environ and status), the account from /etc/passwd (no NSS lookup: an account only in
// LDAP/SSSD falls back to the environment's HOME and SHELL).
import { defineCollector, type Facts } from '../collector.js'
import type { Raw } from '../raw.js'

const ENVIRON = '/proc/$$/environ'
const STATUS = '/proc/$$/status'

export function environ(raw: Raw): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of (raw.files.get(ENVIRON) ?? '').split('\0')) {
    const eq = entry.indexOf('=')
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1)
  }
  return out
}

export const env = defineCollector({
  name: 'env',
  probe: () => ({ files: [ENVIRON] }),
  collect: (raw) => ({ env: environ(raw) }),
})

/** real, effective ids from a /proc status text */
function ids(raw: Raw, key: 'Uid' | 'Gid'): [number, number] {
  const m = new RegExp(`^${key}:\\s*(\\d+)\\s+(\\d+)`, 'm').exec(raw.files.get(STATUS) ?? '')
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN]
}

export const user = defineCollector({
  name: 'user',
  factIds: ['user_id', 'user_uid', 'user_gid', 'user_gecos', 'user_dir', 'user_shell', 'real_user_id', 'effective_user_id', 'effective_group_ids'],
  probe: () => ({ files: [ENVIRON, STATUS, '/etc/passwd'] }),
  collect(raw) {
    const vars = environ(raw)
    const [uid, euid] = ids(raw, 'Uid')
    const [gid] = ids(raw, 'Gid')
    const passwd = (raw.files.get('/etc/passwd') ?? '').split('\n').map((l) => l.split(':')).filter((f) => f.length >= 7)
    // getpass.getuser(): the first of these variables that is set, else the account of the uid
    const name = [vars.LOGNAME, vars.USER, vars.LNAME, vars.USERNAME].find((v) => v) ?? passwd.find((f) => Number(f[2]) === uid)?.[0] ?? ''
    const entry = passwd.find((f) => f[0] === name) ?? passwd.find((f) => Number(f[2]) === uid)
    const facts: Facts = { user_id: name }
    if (entry) {
      Object.assign(facts, { user_uid: Number(entry[2]), user_gid: Number(entry[3]), user_gecos: entry[4], user_dir: entry[5], user_shell: entry.slice(6).join(':') })
    } else {
      Object.assign(facts, { user_uid: uid, user_gid: gid, user_gecos: '', user_dir: vars.HOME ?? '', user_shell: vars.SHELL ?? '' })
    }
    // effective_group_id is the real gid in Ansible too (it reads os.getgid() for both)
    return { ...facts, real_user_id: uid, effective_user_id: euid, real_group_id: gid, effective_group_id: gid }
  },
})
