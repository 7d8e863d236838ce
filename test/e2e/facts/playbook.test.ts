// Facts as plays use them, through ansible-playbook and `tsplay run` on the same fresh lab host: every
// debug line must read the same (fact variables, ansible_facts, hostvars, ansible_local, a setup task's
// register, conditions and filters over facts, a play's gather_subset), and each tool reads the other's
// jsonfile fact cache.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetHost, sshRun } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'
import { ansibleEnv, inventory, spawnText, work } from './run-both.js'

const HOST = 'lab-2'

/** The `"msg": …` lines both tools print for debug tasks (Ansible's default output), in order. */
function msgs(stdout: string): string[] {
  return stdout.split('\n').flatMap((l) => /^\s*"msg": (.*)$/.exec(l)?.[1] ?? [])
}

async function ansiblePlaybook(playbook: string, env: Record<string, string> = {}): Promise<string[]> {
  const r = await spawnText('ansible-playbook', ['-i', inventory(HOST), playbook], { ...ansibleEnv, ...env })
  expect(r.code, r.stdout + r.stderr).toBe(0)
  ansibleGathered = r.stdout.includes('TASK [Gathering Facts]')
  return msgs(r.stdout)
}
let ansibleGathered = false

async function tsplayRun(playbook: string, env: Record<string, string> = {}): Promise<{ msgs: string[]; gathered: boolean }> {
  const r = await runTsplay(['run', playbook, '-i', inventory(HOST)], { env })
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return { msgs: msgs(r.stdout), gathered: r.stdout.includes('TASK [Gathering Facts]') }
}

const PLAYBOOK = `
- hosts: all
  gather_subset: ['!all', '!min', network, distribution, lsb, local, user]
  tasks:
    - debug: { msg: "{{ ansible_default_ipv4 }} {{ ansible_lo.ipv4 }}" }
    - debug: { msg: "{{ ansible_facts.distribution }} {{ ansible_distribution_version }} {{ ansible_distribution_major_version | int >= 12 }} {{ ansible_lsb.codename }} {{ ansible_os_family }}" }
    - debug: { msg: "{{ ansible_local }} {{ ansible_local.app.ports | sum }} {{ ansible_facts.ansible_local.site.general.name }}" }
    - debug: { msg: "{{ hostvars[inventory_hostname].ansible_facts.user_id }} {{ hostvars[inventory_hostname]['ansible_eth0']['ipv4']['address'] == ansible_eth0.ipv4.address }}" }
    - debug: { msg: "{{ ansible_interfaces | sort }} {{ ansible_mounts is defined }} {{ gather_subset }} {{ ansible_facts.gather_subset }}" }
    - debug: { msg: "{{ item }} {{ hostvars[inventory_hostname]['ansible_' + item]['mtu'] }}" }
      loop: "{{ ansible_interfaces | sort }}"
    - debug: { msg: Debian family }
      when: ansible_os_family == 'Debian' and ansible_distribution_release == 'bookworm'
    - setup: { gather_subset: '!all,!min,hardware', filter: 'ansible_processor*' }
      register: hw
    - debug: { msg: "{{ hw.ansible_facts.keys() | list | sort }} {{ ansible_processor_vcpus == ansible_facts.processor_vcpus }} {{ hw.changed }}" }
    - gather_facts:
    - debug: { msg: "{{ ansible_date_time.year | length }} {{ ansible_memtotal_mb > 0 }} {{ ansible_pkg_mgr }} {{ ansible_service_mgr }} {{ ansible_virtualization_role }}" }
`

beforeAll(async () => {
  await resetHost(HOST)
  const r = await sshRun(HOST, `mkdir -p /etc/ansible/facts.d && printf '{"ports": [80, 443]}' > /etc/ansible/facts.d/app.fact && printf '[general]\\nName = north\\n' > /etc/ansible/facts.d/site.fact`)
  expect(r.rc, r.stderr).toBe(0)
})
afterAll(() => resetHost(HOST))

describe('facts in a playbook, ansible-playbook and tsplay run on the same host', () => {
  it('read the same everywhere', async () => {
    const file = join(work, 'facts.yml')
    writeFileSync(file, PLAYBOOK)
    const ansible = await ansiblePlaybook(file)
    const tsplay = (await tsplayRun(file)).msgs
    expect(ansible.length).toBe(10)
    expect(tsplay).toEqual(ansible)
    expect(tsplay.join('\n')).not.toContain('[object Object]')
  })
})

describe('the jsonfile fact cache, shared with ansible-playbook', () => {
  const show = `- hosts: all\n  tasks:\n    - debug: { msg: "{{ ansible_hostname }} {{ ansible_facts.distribution }}" }\n`
  const cacheEnv = (dir: string) => ({ ANSIBLE_CACHE_PLUGIN: 'jsonfile', ANSIBLE_CACHE_PLUGIN_CONNECTION: dir, ANSIBLE_GATHERING: 'smart' })
  const tamper = (dir: string, hostname: string) => {
    const path = join(dir, HOST)
    const facts = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    writeFileSync(path, JSON.stringify({ ...facts, ansible_hostname: hostname }))
  }

  it("tsplay starts from the facts ansible-playbook cached, and does not gather again (smart)", async () => {
    const dir = join(work, 'cache-by-ansible')
    const file = join(work, 'show.yml')
    writeFileSync(file, show)
    await ansiblePlaybook(file, cacheEnv(dir))
    tamper(dir, 'cached-by-ansible')
    expect(await tsplayRun(file, cacheEnv(dir))).toEqual({ msgs: ['"cached-by-ansible Debian"'], gathered: false })
  })

  it('ansible-playbook starts from the facts tsplay cached, and does not gather again (smart)', async () => {
    const dir = join(work, 'cache-by-tsplay')
    const file = join(work, 'show.yml')
    writeFileSync(file, show)
    expect(await tsplayRun(file, cacheEnv(dir))).toEqual({ msgs: ['"lab-2 Debian"'], gathered: true })
    tamper(dir, 'cached-by-tsplay')
    expect(await ansiblePlaybook(file, cacheEnv(dir))).toEqual(['"cached-by-tsplay Debian"'])
    expect(ansibleGathered).toBe(false)
  })
})
