// Semantics that Ansible's integration targets rely on, each checked against ansible-core 2.14.18
// (`ansible-playbook -i a,b,c, -c local` on the same playbook and files gave the values asserted here).
import { describe, expect, it } from 'vitest'
import { header, play, useScratchDir } from './play-harness.js'

useScratchDir()

const msgs = (r: Awaited<ReturnType<typeof play>>, task: string, host = 'a') =>
  r.results.filter((e) => e.task.name === task && e.host === host).map((e) => e.result.data.msg)

describe('loops', () => {
  it('set_fact in a loop sees what earlier items set; loop_var and index_var may be templates', async () => {
    const r = await play(
      header() +
        `    - set_fact: { acc: "{{ acc | default([]) + [item] }}" }\n      loop: [1, 2, 3]\n` +
        `    - name: accumulated\n      debug: { msg: "{{ acc }}" }\n` +
        `    - name: loopvar\n      debug: { msg: "{{ x }}-{{ n }}" }\n      loop: [p, q]\n      loop_control: { loop_var: "{{ 'x' }}", index_var: "{{ 'n' }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'accumulated')).toEqual([[1, 2, 3]])
    expect(msgs(r, 'loopvar')).toEqual(['p-0', 'q-1'])
  })
})

describe('results and errors', () => {
  it('a registered result carries failed_when_result; ignore_errors covers an undefined variable', async () => {
    const r = await play(
      header() +
        `    - command: "true"\n      register: r\n      failed_when: false\n` +
        `    - name: fwr\n      debug: { msg: "{{ r.failed_when_result }}" }\n` +
        `    - name: bad template\n      debug: { msg: "{{ nope_undefined }}" }\n      ignore_errors: true\n` +
        `    - name: after\n      debug: { msg: on }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'fwr')).toEqual([false])
    expect(r.stats.a).toMatchObject({ failed: 0, ignored: 1 })
    expect(r.ran('after')).toHaveLength(3)
  })
})

describe('variables', () => {
  const files = { 'vd/a.yml': 'va: 1\n', 'vd/b.yml': 'vb: 2\n', 'vd/skip.yml': 'vs: 3\n', 'vd/sub/c.yml': 'vc: 4\n' }
  it('play vars may be a list of mappings; include_vars reads a dir (ignore_files, files_matching, depth, name)', async () => {
    const r = await play(
      `- hosts: all\n  gather_facts: false\n  vars:\n    - one: 1\n    - two: 2\n  tasks:\n` +
        `    - name: list vars\n      debug: { msg: "{{ one }}{{ two }}" }\n` +
        `    - include_vars: { dir: vd, ignore_files: [skip.yml], name: got }\n` +
        `    - name: dirvars\n      debug: { msg: "{{ got }}" }\n` +
        `    - include_vars: { dir: vd, files_matching: "^b", depth: 1 }\n` +
        `    - name: matched\n      debug: { msg: "{{ vb }} {{ va is defined }}" }\n`,
      { files },
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'list vars')).toEqual(['12'])
    expect(msgs(r, 'dirvars')).toEqual([{ va: 1, vb: 2, vc: 4 }])
    expect(msgs(r, 'matched')).toEqual(['2 False'])
  })
})

describe('includes and meta', () => {
  it('the old include is static like import_tasks; import_role works inside a role; end_batch ends the batch', async () => {
    const r = await play(
      header() + `    - include: inc.yml\n    - import_role: name=outer\n` + header('  serial: 2\n') +
        `    - meta: end_batch\n      when: inventory_hostname == 'a'\n    - name: after end_batch\n      debug: msg=x\n`,
      {
        files: {
          'inc.yml': '- name: included old style\n  debug: msg=old\n',
          'roles/outer/tasks/main.yml': '- import_role: name=inner\n',
          'roles/inner/tasks/main.yml': '- name: inner ran\n  debug: msg=inner\n',
        },
      },
    )
    expect(r.code).toBe(0)
    expect(r.ran('included old style')).toHaveLength(3)
    expect(r.ran('inner ran')).toHaveLength(3)
    expect(r.ran('after end_batch')).toEqual(['c'])
    expect([r.stats.a.ok, r.stats.c.ok]).toEqual([2, 3]) // ansible-playbook's recap: a static include is no task of its own
  })
})

describe('add_host and group_by', () => {
  it('change the inventory later plays see; add_host runs once per task (first host), changed only when it changed something', async () => {
    const r = await play(
      `- hosts: all\n  gather_facts: false\n  vars:\n    h: { name: newhost, groups: extra, foo: bar }\n  tasks:\n` +
        `    - add_host: "{{ h }}"\n      register: first\n` +
        `    - add_host: "{{ h }}"\n      register: again\n` +
        `    - name: seen\n      debug: { msg: "{{ groups.extra }} {{ hostvars.newhost.foo }} {{ first.changed }} {{ again.changed }}" }\n      when: inventory_hostname == 'a'\n` +
        `    - group_by: key=os_{{ inventory_hostname }}\n` +
        `    - group_by: key=same parents=parent1\n` +
        `    - name: bad\n      add_host: "{{ 'x' }}"\n      ignore_errors: true\n` +
        `- hosts: extra:same\n  gather_facts: false\n  tasks:\n` +
        `    - name: in play 2\n      debug: { msg: "{{ group_names }} {{ groups.parent1 }} {{ groups.ungrouped }}" }\n      when: inventory_hostname in ['a', 'newhost']\n`,
    )
    expect(r.code).toBe(0)
    expect(r.results.filter((e) => e.task.name === 'add_host').map((e) => [e.host, e.result.status])).toEqual([['a', 'changed'], ['a', 'ok']])
    expect(msgs(r, 'seen')).toEqual(["['newhost'] bar True False"])
    expect(msgs(r, 'in play 2', 'newhost')).toEqual(["['extra'] ['a', 'b', 'c'] []"])
    expect(msgs(r, 'in play 2', 'a')).toEqual(["['os_a', 'parent1', 'same'] ['a', 'b', 'c'] []"])
    expect(r.results.find((e) => e.task.name === 'bad')?.result.msg).toMatch(/must render to a mapping/)
  })
})

describe('templated module names', () => {
  it('action: "{{ m }}" runs the module the host\'s variables name, FQCN or short', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  vars: { m: debug }\n  tasks:\n` +
        `    - name: t1\n      action: "{{ m }}"\n      args: { msg: hi }\n` +
        `    - name: t2\n      local_action: "{{ 'ansible.builtin.' + m }} msg=there"\n`,
    )
    expect(r.code).toBe(0)
    expect([...msgs(r, 't1'), ...msgs(r, 't2')]).toEqual(['hi', 'there'])
  })
})
