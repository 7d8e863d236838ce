// system_capabilities: tsplay computes capsh's `Current:` line from /proc (no process); compared with
// ansible-core, which runs the real capsh, under several capability sets.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { capsFacts, capText } from '../../../src/facts/linux/caps-text.js'
import { ansibleFacts, canFakeEtc, tsplayFacts } from './fake-etc.js'

const hasCapsh = spawnSync('capsh', ['--print']).status === 0
const hasSetpriv = spawnSync('setpriv', ['--help']).status === 0

describe.skipIf(!canFakeEtc || !hasCapsh)('system capabilities, compared with ansible-core (which runs capsh)', () => {
  const run = (wrap: string[]) => ({
    ansible: ansibleFacts({}, ['system.caps.SystemCapabilitiesFactCollector'], {}, wrap),
    tsplay: tsplayFacts({}, ['!all', '!min', 'caps'], undefined, wrap),
  })
  it.each([
    ['as they are', []],
    ['without cap_net_raw and cap_chown', ['capsh', '--drop=cap_net_raw,cap_chown', '--', '-c', 'exec "$0" "$@"']],
    ['with an inheritable set', ['capsh', '--inh=cap_net_admin,cap_sys_time', '--', '-c', 'exec "$0" "$@"']],
    ['without most', ['capsh', '--drop=cap_chown,cap_dac_override,cap_fowner,cap_kill,cap_setgid,cap_setuid,cap_net_bind_service,cap_net_raw,cap_sys_chroot,cap_mknod,cap_audit_write,cap_setfcap,cap_sys_admin,cap_sys_ptrace,cap_net_admin,cap_ipc_lock,cap_sys_module,cap_sys_rawio,cap_sys_boot,cap_sys_nice,cap_sys_time,cap_syslog,cap_bpf,cap_perfmon', '--', '-c', 'exec "$0" "$@"']],
  ])('%s', (_what, wrap) => {
    const { ansible, tsplay } = run(wrap as string[])
    expect(tsplay).toEqual(ansible)
  })

  it.skipIf(!hasSetpriv)('as an unprivileged user', () => {
    const { ansible, tsplay } = run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'])
    expect(tsplay).toEqual(ansible)
  })
})

describe("libcap's text form", () => {
  it('names the most common flags first, then the exceptions', () => {
    const all = (1n << 41n) - 1n
    expect(capText({ effective: all, permitted: all, inheritable: 0n }, 40)).toBe('=ep')
    expect(capText({ effective: 0n, permitted: 0n, inheritable: 0n }, 40)).toBe('=')
    expect(capText({ effective: 1n << 12n, permitted: 1n << 12n, inheritable: 0n }, 40)).toBe('cap_net_admin=ep')
    expect(capsFacts('=ep')).toEqual({ system_capabilities_enforced: 'False', system_capabilities: [] })
    expect(capsFacts('=ep cap_sys_resource-ep')).toEqual({ system_capabilities_enforced: 'True', system_capabilities: ['ep cap_sys_resource-ep'] })
  })
})
