// The issue's yardstick: ansible-core's `setup` and tsplay's on the same fresh lab host, compared key by
// key (compare.ts says where values may differ and why), for the full set, gather_subset forms and
// filters. The host gets local facts and more network (a veth pair with secondary and alias addresses,
// IPv6, default routes, a bridge) so those facts are not empty; the routes lead to the veth pair only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetHost, sshRun } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'
import { compareFacts, NOT_GIVEN } from './compare.js'
import { ansibleSetup, inventory, tsplaySetup } from './run-both.js'

const HOST = 'lab-2'

const SETUP = String.raw`set -e
mkdir -p /etc/ansible/facts.d
printf '{"role": "web", "ports": [80, 443], "tls": true}\n' > /etc/ansible/facts.d/app.fact
printf '[general]\nname = north\nlist = a,b\n' > /etc/ansible/facts.d/site.fact
printf '#!/bin/sh\necho "{\\"generated\\": \\"$(echo yes)\\"}"\n' > /etc/ansible/facts.d/dynamic.fact
printf '#!/bin/sh\nexit 3\n' > /etc/ansible/facts.d/broken.fact
chmod 755 /etc/ansible/facts.d/dynamic.fact /etc/ansible/facts.d/broken.fact
ip link add t0 type veth peer name t0p
ip link set t0 up; ip link set t0p up
ip addr add 192.0.2.5/24 brd 192.0.2.255 dev t0
ip addr add 192.0.2.6/24 dev t0
ip addr add 198.51.100.7/24 dev t0 label t0:1
ip -6 addr add fd00:7e57::5/64 dev t0 nodad
ip route add default via 192.0.2.1 dev t0
ip -6 route add default via fd00:7e57::1 dev t0
ip link add br-test type bridge
ip link add t1 type veth peer name t1p
ip link set t1 master br-test; ip link set br-test up; ip link set t1 up
ip addr add 127.0.0.2/8 dev lo`

// the lab host's network namespace outlives a restart: take back what SETUP added
const TEARDOWN = 'ip link del t0; ip link del t1; ip link del br-test; ip addr del 127.0.0.2/8 dev lo; true'

beforeAll(async () => {
  await resetHost(HOST)
  const r = await sshRun(HOST, SETUP)
  expect(r.rc, r.stderr).toBe(0)
})

afterAll(async () => {
  await sshRun(HOST, TEARDOWN)
  await resetHost(HOST)
})

describe("tsplay's setup against ansible-core's, on a fresh lab host", () => {
  it('gives every fact Ansible gives, with its value, but the documented one (the selinux Python bindings)', async () => {
    const ansible = await ansibleSetup(HOST)
    const tsplay = await tsplaySetup(HOST)
    const c = compareFacts(ansible, tsplay)
    console.info(
      `ansible-core gives ${Object.keys(ansible).length} facts, tsplay ${Object.keys(tsplay).length}; ` +
        `not given by tsplay: ${c.missing.map((k) => `${k} (${NOT_GIVEN[k] ?? '?'})`).join(', ') || 'none'}`,
    )
    expect(c.differing).toEqual({})
    expect(c.extra).toEqual([])
    expect(c.missing).toEqual(Object.keys(NOT_GIVEN).sort())
    // what the host was given is really there (so the comparison covered it)
    expect(tsplay.ansible_default_ipv4).toMatchObject({ interface: 't0', address: '192.0.2.5', gateway: '192.0.2.1', alias: 't0' })
    expect(tsplay.ansible_default_ipv6).toMatchObject({ interface: 't0', address: 'fd00:7e57::5' })
    expect(tsplay.ansible_t0_1).toMatchObject({ ipv4: { address: '198.51.100.7' } })
    expect(tsplay.ansible_br_test).toMatchObject({ type: 'bridge', interfaces: ['t1'] })
    expect(tsplay.ansible_local).toMatchObject({ app: { role: 'web' }, site: { general: { name: 'north' } }, dynamic: { generated: 'yes' } })
    expect(tsplay.ansible_distribution_version).toMatch(/^\d+\.\d+$/)
  })

  it('as an unprivileged user too (no /proc/1/root, no DMI serials, no LVM, other capabilities)', async () => {
    const ansible = await ansibleSetup(HOST, '', 'deploy')
    const tsplay = await tsplaySetup(HOST, '', 'deploy')
    const c = compareFacts(ansible, tsplay)
    expect(c.differing).toEqual({})
    expect(c.extra).toEqual([])
    expect(c.missing).toEqual(Object.keys(NOT_GIVEN).sort())
    expect(tsplay).toMatchObject({ ansible_user_id: 'deploy', ansible_effective_user_id: expect.any(Number), ansible_system_capabilities: [''] })
  })

  it.each(['!all', '!all,!min', 'network', '!all,!min,hardware', '!all,virtual', 'min,!local,!env', '!all,!min,interfaces,user_id,dns'])(
    'gather_subset=%s gives the facts Ansible gives',
    async (subset) => {
      const ansible = await ansibleSetup(HOST, `gather_subset=${subset}`)
      const tsplay = await tsplaySetup(HOST, `gather_subset=${subset}`)
      const c = compareFacts(ansible, tsplay)
      expect(c.differing).toEqual({})
      expect(c.extra).toEqual([])
      expect(c.missing.filter((k) => !(k in NOT_GIVEN))).toEqual([])
      expect(tsplay.gather_subset).toEqual(subset.split(','))
    },
  )

  it.each(['ansible_eth*', 'distribution*,mem*', 'ansible_[dl]o*'])('filter=%s keeps the facts Ansible keeps', async (filter) => {
    const ansible = await ansibleSetup(HOST, `filter=${filter}`)
    const tsplay = await tsplaySetup(HOST, `filter=${filter}`)
    expect(Object.keys(tsplay).sort()).toEqual(Object.keys(ansible).sort())
    expect(compareFacts(ansible, tsplay).differing).toEqual({})
  })

  it("fails a bad subset with ansible-core's message", async () => {
    const r = await runTsplay(['exec', HOST, '-i', inventory(HOST), '-m', 'setup', '-a', 'gather_subset=bogus'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain("Bad subset 'bogus' given to Ansible. gather_subset options allowed: all, all_ipv4_addresses,")
  })
})

describe('what gathering costs the host', () => {
  const lastPid = async () => Number((await sshRun(HOST, 'cat /proc/sys/kernel/ns_last_pid')).stdout)
  // the PIDs a command takes in the host's PID namespace, less those of the ssh session that reads the counter
  const processesOf = async (args: string[]) => {
    const a = await lastPid()
    const b = await lastPid()
    const r = await runTsplay(args)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    return (await lastPid()) - b - (b - a)
  }

  // measured: setup 12, ping 4 — 4 for the gathering, 3 for the two fact scripts (one runs a subshell) and
  // 1 for the host's python3, which ansible_python describes (on a host without Python: none)
  it('every fact in one round trip of a few processes', async () => {
    const setup = await processesOf(['exec', HOST, '-i', inventory(HOST), '-m', 'setup'])
    const ping = await processesOf(['exec', HOST, '-i', inventory(HOST), '-m', 'ping'])
    console.info(`processes on the host: setup ${setup}, ping ${ping}`)
    expect(setup - ping).toBeLessThanOrEqual(4 + 3 + 1)
    expect(setup).toBeGreaterThan(ping)
  })
})
