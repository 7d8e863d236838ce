// Facts in plays: the implicit gathering (gather_facts, gather_subset, fact_path, `gathering` modes),
// ansible_facts and the ansible_* variables, hostvars, setup as a task, and the jsonfile fact cache.
// Hosts are this machine (ansible_connection=local): facts are really gathered, nothing is written.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import type { HostResultInfo, Reporter } from '../../../src/executor/events.js'
import { runPlaybooks } from '../../../src/executor/run-playbook.js'
import type { RunOptions } from '../../../src/executor/types.js'
import { loadInventory } from '../../../src/inventory/load.js'
import { modules } from '../../../src/modules/index.js'
import { loadIncludedRole, loadPlaybook, loadTaskFile, loadVarsFile } from '../../../src/playbook/load.js'
import { combineReporters } from '../../../src/reporters/combine.js'

let dir: string
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tsplay-facts-play-'))))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function play(yaml: string, extra: Partial<RunOptions> = {}, hosts = 'a,b,') {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.yml`)
  writeFileSync(file, yaml)
  const results: HostResultInfo[] = []
  const capture: Reporter = { onHostResult: (e) => void results.push(e) }
  const outcome = await runPlaybooks([loadPlaybook(file, { modules })], {
    inventory: await loadInventory([hosts]), check: false, diff: false, forks: 5, extraVars: {}, tags: [], skipTags: [], becomeDefaults: {},
    reporter: combineReporters([capture]), modules,
    connect: (host) => new LocalConnection(host),
    loadTasks: (f, baseDir) => loadTaskFile(f, { baseDir, modules }),
    loadRole: (name, args, from) => loadIncludedRole(name, args, { ...from, from: from.where, modules }),
    loadVars: (f, baseDir) => loadVarsFile(join(baseDir, f)),
    ...extra,
  })
  const msgs = (host: string) => results.filter((r) => r.host === host && r.task.module === 'debug').map((r) => r.result.data.msg ?? r.result.msg)
  const gathered = (host: string) => results.filter((r) => r.host === host && r.task.name === 'Gathering Facts').length
  return { code: outcome.exitCode, results, msgs, gathered }
}

describe('the implicit fact gathering', () => {
  it('gathers in every play by default (implicit), once per host when smart, only where written when explicit', async () => {
    const two = `- hosts: all\n  tasks: [{ debug: { msg: one } }]\n- hosts: all\n  tasks: [{ debug: { msg: two } }]\n- hosts: all\n  gather_facts: true\n  tasks: []\n`
    expect((await play(two)).gathered('a')).toBe(3)
    expect((await play(two, { gathering: 'smart' })).gathered('a')).toBe(1)
    expect((await play(two, { gathering: 'explicit' })).gathered('a')).toBe(1)
    expect((await play(`- hosts: all\n  gather_facts: false\n  tasks: []\n`, { gathering: 'implicit' })).gathered('a')).toBe(0)
  })

  it('gathers again (smart) for a play asking for other facts: another gather_subset or fact_path', async () => {
    const r = await play(
      `- hosts: all\n  gather_subset: '!all'\n  tasks: [{ debug: { msg: "{{ ansible_mounts is defined }}" } }]\n` +
        `- hosts: all\n  tasks: [{ debug: { msg: "{{ ansible_mounts is defined }}" } }]\n` +
        `- hosts: all\n  gather_subset: [all]\n  tasks: []\n` +
        `- hosts: all\n  fact_path: /nonexistent\n  tasks: []\n`,
      { gathering: 'smart' }, 'a,',
    )
    expect(r.msgs('a')).toEqual([false, true])
    expect(r.gathered('a')).toBe(3)
  })

  it("gathers every host's facts under a play's run_once (ansible-core #39453)", async () => {
    const r = await play(`- hosts: all\n  run_once: true\n  tasks: [{ debug: { msg: "{{ hostvars['b'].ansible_os_family }}" } }]\n`)
    expect(r.gathered('a') + r.gathered('b')).toBe(2)
    expect(r.msgs('a')).toEqual(['Debian'])
  })

  it("passes the play's gather_subset (templates too) and fact_path to gather_facts", async () => {
    const facts = join(dir, 'facts.d')
    mkdirSync(facts, { recursive: true })
    writeFileSync(join(facts, 'app.fact'), '{"port": 8080}')
    writeFileSync(join(facts, 'site.fact'), '[main]\nName = north\n')
    const r = await play(
      `- hosts: all\n  vars: { subset: '!all' }\n  gather_subset: ["{{ subset }}", network]\n  fact_path: ${facts}\n  gather_timeout: 5\n  tasks:\n` +
        `    - debug: { msg: "{{ gather_subset }} {{ ansible_mounts is defined }} {{ ansible_interfaces | length > 0 }} {{ ansible_hostname == ansible_facts.hostname }}" }\n` +
        `    - debug: { msg: "{{ ansible_local.app.port }} {{ ansible_facts.ansible_local.site.main.name }} {{ ansible_facts.local is defined }} {{ hostvars['b'].ansible_facts.os_family }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(r.msgs('a')).toEqual(["['!all', 'network'] False True True", "8080 north False Debian"])
  })

  it("fails a host with ansible-core's message for a subset that does not exist", async () => {
    const r = await play(`- hosts: all\n  gather_subset: [nope]\n  tasks: [{ debug: { msg: x } }]\n`, {}, 'a,')
    expect(r.code).toBe(2)
    expect(r.results[0].result.msg).toMatch(/^Bad subset 'nope' given to Ansible. gather_subset options allowed: all, all_ipv4_addresses/)
  })
})

describe('setup as a task', () => {
  it('filters facts, and its facts reach the ansible_ variables and ansible_facts', async () => {
    const r = await play(
      `- hosts: all\n  gather_facts: false\n  tasks:\n` +
        `    - setup: { gather_subset: '!all,!min,hardware', filter: [ansible_mem*, processor_count] }\n      register: s\n` +
        `    - debug: { msg: "{{ s.ansible_facts.keys() | list | sort }} {{ ansible_facts.memtotal_mb == ansible_memtotal_mb }} {{ ansible_processor_count > 0 }} {{ ansible_mounts | default('none') }}" }\n`,
      {}, 'a,',
    )
    expect(r.msgs('a')).toEqual(["['ansible_memfree_mb', 'ansible_memory_mb', 'ansible_memtotal_mb', 'ansible_processor_count'] True True none"])
  })
})

describe('the jsonfile fact cache', () => {
  it('saves gathered facts per host, starts hosts with them, and expires them', async () => {
    const cache = { dir: join(dir, 'cache'), timeoutS: 3600 }
    const smart = { factCache: cache, gathering: 'smart' as const }
    await play(`- hosts: all\n  gather_subset: '!all,!min,distribution,platform'\n  tasks: []\n`, smart)
    const saved = JSON.parse(readFileSync(join(cache.dir, 'a'), 'utf8')) as Record<string, unknown>
    expect(saved).toMatchObject({ _ansible_facts_gathered: true, ansible_os_family: 'Debian', gather_subset: ['!all', '!min', 'distribution', 'platform'], module_setup: true })
    expect(Object.keys(saved)).toEqual(Object.keys(saved).sort())

    // a later run: no gathering (smart), the cached facts are there, for hostvars of a host not in the play too
    writeFileSync(join(cache.dir, 'b'), JSON.stringify({ ...saved, ansible_hostname: 'from-the-cache' }))
    const later = await play(`- hosts: a\n  gather_subset: '!all,!min,distribution,platform'\n  tasks:\n    - debug: { msg: "{{ ansible_os_family }} {{ hostvars['b'].ansible_hostname }}" }\n`, smart)
    expect(later.gathered('a')).toBe(0)
    expect(later.msgs('a')).toEqual(['Debian from-the-cache'])

    // older than the timeout: gathered again
    const old = Date.now() / 1000 - 7200
    utimesSync(join(cache.dir, 'a'), old, old)
    expect((await play(`- hosts: a\n  gather_subset: '!all,!min,distribution,platform'\n  tasks: []\n`, smart)).gathered('a')).toBe(1)

    // set_fact's cacheable facts are facts: in ansible_facts and the cache; the others are not
    const set = await play(
      `- hosts: a\n  gather_facts: false\n  vars: { keep: yes }\n  tasks:\n    - set_fact: { kept: 1, cacheable: "{{ keep }}" }\n    - set_fact: { passing: 2 }\n` +
        `    - debug: { msg: "{{ ansible_facts.kept | default('-') }} {{ ansible_facts.passing | default('-') }} {{ passing }}" }\n`,
      smart,
    )
    expect(set.msgs('a')).toEqual(['1 - 2'])
    expect(JSON.parse(readFileSync(join(cache.dir, 'a'), 'utf8'))).toMatchObject({ kept: 1 })
    expect(JSON.parse(readFileSync(join(cache.dir, 'a'), 'utf8'))).not.toHaveProperty('passing')

    // meta: clear_facts forgets them, on disk too
    await play(`- hosts: a\n  gather_facts: false\n  tasks: [{ meta: clear_facts }]\n`, smart)
    expect(existsSync(join(cache.dir, 'a'))).toBe(false)
  })
})
