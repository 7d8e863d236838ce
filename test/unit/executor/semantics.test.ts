// Executor semantics checked against ansible-core 2.14's behaviour (each case was run with
// `ansible-playbook -c local` on hosts a, b, c). Hosts here are the controller (ansible_connection=local);
// the tasks only use controller-side modules and `command: true`, so nothing is written.
import { describe, expect, it } from 'vitest'
import { header, play, useScratchDir } from './play-harness.js'

useScratchDir()

describe('handlers', () => {
  it('every handler listening on a topic runs, and the one named like it', async () => {
    const r = await play(
      header() +
        `    - command: "true"\n      notify: restart web\n` +
        `  handlers:\n` +
        `    - name: restart web\n      debug: { msg: named }\n` +
        `    - name: h1\n      debug: { msg: one }\n      listen: restart web\n` +
        `    - name: h2\n      debug: { msg: two }\n      listen: restart web\n`,
    )
    expect(r.ran('restart web')).toEqual(['a', 'b', 'c'])
    expect(r.ran('h1')).toHaveLength(3)
    expect(r.ran('h2')).toHaveLength(3)
  })

  it('a notify that names no handler is an error before running', async () => {
    await expect(play(header() + `    - command: "true"\n      notify: nope\n`)).rejects.toThrow(/no handler named 'nope'/)
  })

  it('changed_when decides changed even when failed_when clears a failure, so the handler runs', async () => {
    const r = await play(
      header() +
        `    - command: "false"\n      changed_when: true\n      failed_when: false\n      notify: h\n` +
        `  handlers:\n    - name: h\n      debug: { msg: ran }\n`,
    )
    expect(r.code).toBe(0)
    expect(r.ran('h')).toHaveLength(3)
  })
})

describe('blocks and failure policy', () => {
  it('a failure inside a block with rescue does not trigger any_errors_fatal', async () => {
    const r = await play(
      header('  any_errors_fatal: true\n') +
        `    - block:\n        - name: boom\n          fail: { msg: x }\n          when: inventory_hostname == "b"\n` +
        `      rescue:\n        - name: rescue\n          debug: { msg: r }\n` +
        `    - name: after\n      debug: { msg: after }\n`,
    )
    expect(r.code).toBe(0)
    expect(r.ran('rescue')).toEqual(['b'])
    expect(r.ran('after')).toEqual(['a', 'b', 'c'])
    expect(r.stats.b).toMatchObject({ failed: 0, rescued: 1 })
  })

  it('rescue sees ansible_failed_task and ansible_failed_result', async () => {
    const r = await play(
      header() +
        `    - block:\n        - name: boom\n          fail: { msg: kaput }\n` +
        `      rescue:\n        - name: why\n          assert:\n            that: [ansible_failed_result.msg == "kaput", ansible_failed_task.name == "boom"]\n`,
    )
    expect(r.code).toBe(0)
    expect(r.ran('why')).toHaveLength(3)
  })

  it('meta end_play honours when', async () => {
    const r = await play(
      header() + `    - meta: end_play\n      when: inventory_hostname == "nobody"\n    - name: still\n      debug: { msg: s }\n`,
    )
    expect(r.ran('still')).toHaveLength(3)
  })
})

describe('loops, includes and run_once', () => {
  it('an empty loop is skipped; a loop over an undefined var is skipped when `when` is false', async () => {
    const r = await play(
      header() +
        `    - name: empty\n      debug: { msg: x }\n      loop: []\n` +
        `    - name: undefined\n      debug: { msg: x }\n      loop: "{{ nothing }}"\n      when: nothing is defined\n`,
    )
    expect(r.code).toBe(0)
    expect(r.stats.a.skipped).toBe(2)
  })

  it('include_tasks with a loop runs the file once per item with the item', async () => {
    const r = await play(header('  serial: 1\n') + `    - include_tasks: inc.yml\n      loop: [x, y]\n      when: inventory_hostname == "a"\n`, {
      files: { 'inc.yml': `- name: inside\n  debug: { msg: "{{ item }}" }\n` },
    })
    const inside = r.results.filter((e) => e.task.name === 'inside')
    expect(inside.map((e) => (e.result.data as { msg: string }).msg)).toEqual(['x', 'y'])
  })

  it('run_once shares set_fact with every host', async () => {
    const r = await play(
      header() + `    - set_fact: { f: 1 }\n      run_once: true\n    - name: seen\n      assert: { that: [f == 1] }\n`,
    )
    expect(r.code).toBe(0)
    expect(r.ran('seen')).toHaveLength(3)
  })

  it('--start-at-task finds its task once, across plays', async () => {
    const r = await play(
      header() + `    - name: one\n      debug: { msg: 1 }\n    - name: two\n      debug: { msg: 2 }\n` +
        header() + `    - name: three\n      debug: { msg: 3 }\n`,
      { startAtTask: 'tw*' },
    )
    expect(r.ran('one')).toEqual([])
    expect(r.ran('two')).toHaveLength(3)
    expect(r.ran('three')).toHaveLength(3)
  })
})

describe('templating across hosts', () => {
  it("hostvars.[h].x expands x's own templates with h's variables", async () => {
    const r = await play(
      header('  vars:\n    hosts: [1]\n    addr: "{{ inventory_hostname }}-addr"\n') +
        `    - name: other\n      assert:\n        that:\n          - hostvars[\"c\"].addr == \"c-addr\"\n      when: inventory_hostname == "a"\n` +
        `    - name: each\n      debug:\n        msg: "{% for h in hosts %}{{ addr }}{% endfor %}"\n      when: inventory_hostname == "b"\n`,
    )
    expect(r.code).toBe(0)
    expect(r.ran('other')).toEqual(['a'])
    expect(r.results.find((e) => e.task.name === 'each' && e.host === 'b')?.result.data).toEqual({ msg: 'b-addr' })
  })
})

describe('play-level templates', () => {
  it('hosts and task names render with extra vars', async () => {
    const r = await play(`- hosts: "{{ target }}"\n  gather_facts: false\n  tasks:\n    - name: "hello {{ target }}"\n      debug: { msg: x }\n`, {
      extraVars: { target: 'b' },
    })
    expect(r.results.map((e) => [e.host, e.task.name])).toEqual([['b', 'hello b']])
  })
})

describe('magic variables', () => {
  it('omit leaves a module argument out (debug says Hello world!), ansible_version is 2.14, ansible_loop has allitems', async () => {
    const r = await play(
      header() +
        `    - name: omitted\n      debug:\n        msg: "{{ omit }}"\n` +
        `    - name: version\n      assert: { that: ["ansible_version.full is version('2.14', '>=')", "ansible_version.major == 2"] }\n` +
        `    - name: looped\n      debug: { msg: "{{ ansible_loop.allitems | join(',') }}:{{ ansible_loop.index }}:{{ i }}" }\n      loop: [x, y]\n      loop_control: { extended: true, index_var: i }\n`,
    )
    expect(r.code).toBe(0)
    expect(r.results.find((e) => e.task.name === 'omitted')?.result.data).toEqual({ msg: 'Hello world!' })
    expect(r.ran('version')).toHaveLength(3)
    expect(r.results.filter((e) => e.task.name === 'looped' && e.host === 'a').map((e) => e.result.data.msg)).toEqual(['x,y:1:0', 'x,y:2:1'])
  })
})

describe('!unsafe', () => {
  it('is never templated, from play vars, vars_files, include_vars or a registered result', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  vars:\n    pv: !unsafe '{{ nope }}'\n  vars_files: [vf.yml]\n  tasks:\n` +
        `    - include_vars: iv.yml\n` +
        `    - command: echo "{{ '{{' }} nope }}"\n      register: out\n` +
        `    - name: shown\n      debug: { msg: "{{ pv }}|{{ fv }}|{{ iv }}|{{ out.stdout }}" }\n`,
      { files: { 'vf.yml': "fv: !unsafe '{{ nope }}'\n", 'iv.yml': "iv: !unsafe '{% nope %}'\n" } },
    )
    expect(r.code).toBe(0)
    expect(r.results.find((e) => e.task.name === 'shown')?.result.data.msg).toBe('{{ nope }}|{{ nope }}|{% nope %}|{{ nope }}')
  })
})

describe('import_role and include_role', () => {
  // expected values: ansible-playbook -c local on hosts a and b with the same files (2.14.18)
  const files = {
    'roles/r1/tasks/main.yml': '- name: r1 main\n  debug: msg="r1 main {{ r1_default }} {{ r1_var }}"\n  changed_when: true\n  notify: h1\n',
    'roles/r1/tasks/other.yml': '- name: r1 other\n  debug: msg="r1 other {{ r1_var }}"\n',
    'roles/r1/defaults/main.yml': 'r1_default: d\n',
    'roles/r1/vars/main.yml': 'r1_var: v\n',
    'roles/r1/vars/alt.yml': 'r1_var: alt\n',
    'roles/r1/handlers/main.yml': '- name: h1\n  debug: msg=handled\n',
    'roles/r2/tasks/main.yml': '- name: r2 main\n  debug: msg="r2 {{ inventory_hostname }}"\n',
  }
  it('import_role is static and public; include_role takes tasks_from, vars_from, loops and when; handlers come along', async () => {
    const r = await play(
      `- hosts: a,b\n  gather_facts: false\n  tasks:\n` +
        `    - name: before\n      debug: msg="{{ r1_default | default('none') }}"\n` +
        `    - import_role: name=r1\n` +
        `    - include_role: name=r1 tasks_from=other\n` +
        `    - include_role:\n        name: r1\n        vars_from: alt\n` +
        `    - include_role:\n        name: "{{ item }}"\n      loop: [r2]\n      when: inventory_hostname == 'a'\n` +
        `    - name: after\n      debug: msg="{{ r1_var }}"\n`,
      { files },
    )
    expect(r.code).toBe(0)
    const msgs = (task: string, host: string) => r.results.filter((e) => e.task.name.endsWith(task) && e.host === host).map((e) => e.result.data.msg)
    expect(msgs('before', 'a')).toEqual(['d'])
    expect(msgs('r1 main', 'a')).toEqual(['r1 main d v', 'r1 main d alt'])
    expect(msgs('r1 other', 'b')).toEqual(['r1 other v'])
    expect(r.ran('r2 main')).toEqual(['a'])
    expect(msgs('after', 'b')).toEqual(['v'])
    expect(r.ran('h1')).toEqual(['a', 'b', 'a', 'b'])
  })
})
