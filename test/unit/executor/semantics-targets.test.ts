// Semantics that Ansible's integration targets rely on, each checked against ansible-core 2.14.18
// (`ansible-playbook -i a,b,c, -c local` on the same playbook and files gave the values asserted here).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  it('a task with diff: true registers the diff (a list of before/after entries), as the blockinfile target asserts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsplay-diffreg-'))
    try {
      const r = await play(
        `- hosts: a\n  gather_facts: false\n  tasks:\n` +
          `    - copy: { content: "diff test", dest: "${dir}/d.txt" }\n` +
          `    - blockinfile: { path: "${dir}/d.txt", block: "line 1" }\n      register: d\n      diff: true\n` +
          `    - name: shown\n      debug: { msg: "{{ d.diff | length > 0 }} {{ d.diff[0].before }}|{{ 'line 1' in d.diff[0].after }}" }\n`,
      )
      expect(r.code).toBe(0)
      expect(msgs(r, 'shown')).toEqual(['True diff test|True'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

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

describe('unsafe data (ansible/ansible#64169)', () => {
  it('a fact set from a registered result or a with_ item stays as written; from a loop: item it is templated', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  vars:\n    v: '1.0'\n  tasks:\n` +
        `    - command: echo "{{ '{{' }} v }}"\n      register: out\n` +
        `    - set_fact: { from_reg: "{{ out.stdout }}", from_list: "{{ [out.stdout] }}", plain: "{{ 'x' }}{{ '{{' }} v }}" }\n` +
        `    - set_fact: "{{ item.key }}={{ item.value }}"\n      with_dict: { w: "{{ '{{' }} v }}" }\n` +
        `    - set_fact: "{{ item.key }}={{ item.value }}"\n      loop: "{{ {'l': '{{ v }}'} | dict2items }}"\n` +
        `    - name: shown\n      debug: { msg: "{{ [from_reg, from_list, plain, w, l] }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'shown')).toEqual([['{{ v }}', ['{{ v }}'], 'x1.0', '{{ v }}', '1.0']]) // ansible-playbook's output
  })
})

describe('the old include and handler files', () => {
  it("include's k=v are task vars, its vars: include params; handlers may be blocks or static includes; host_pinned runs", async () => {
    const r = await play(
      `- hosts: a,b\n  gather_facts: false\n  strategy: host_pinned\n  tasks:\n` +
        `    - set_fact: { a: 1, b: 2 }\n` +
        `    - include: inc.yml b=5\n      vars: { a: 201 }\n` +
        `    - name: shown\n      debug: { msg: "{{ ca }} {{ cb }}" }\n` +
        `    - command: "true"\n      notify: [inc handler, in block]\n` +
        `  handlers:\n    - include: more_handlers.yml\n      vars: { hv: x }\n` +
        `    - block:\n        - name: in block\n          debug: msg="in block {{ bv }}"\n      vars: { bv: y }\n      when: inventory_hostname == 'a'\n`,
      {
        files: {
          'inc.yml': '- set_fact: { ca: "{{ a }}", cb: "{{ b }}" }\n',
          'more_handlers.yml': '- name: inc handler\n  debug: msg="inc handler {{ hv }}"\n',
        },
      },
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'shown')).toEqual(['201 2']) // ansible-playbook's values
    expect(msgs(r, 'inc handler', 'b')).toEqual(['inc handler x'])
    expect(r.ran('in block')).toEqual(['a'])
    expect(msgs(r, 'in block')).toEqual(['in block y'])
  })
})

describe('any_errors_fatal and always', () => {
  it('a failure under any_errors_fatal still runs the enclosing always:, which may clear it and go on', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n` +
        `    - block:\n        - block:\n            - name: boom\n              fail:\n          any_errors_fatal: true\n` +
        `      always:\n        - name: in always\n          set_fact: { flag: true }\n        - meta: clear_host_errors\n` +
        `  post_tasks:\n    - name: after\n      debug: { msg: "{{ flag }}" }\n`,
    )
    expect(msgs(r, 'after')).toEqual([true])
    expect(r.stats.a).toMatchObject({ ok: 2, failed: 1 }) // ansible-playbook's recap
  })
})

describe('the implicit localhost', () => {
  it('a play on localhost runs there though the inventory has no localhost; it is not in all', async () => {
    const r = await play(`- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: where\n      debug: { msg: "{{ groups.all }} {{ ansible_connection }}" }\n- hosts: all\n  gather_facts: false\n  tasks:\n    - name: everyone\n      debug: { msg: x }\n`)
    expect(msgs(r, 'where', 'localhost')).toEqual(["['a', 'b', 'c'] local"])
    expect(r.ran('everyone')).toEqual(['a', 'b', 'c'])
  })
})

describe('async, poll, async_status, timeout and throttle', () => {
  it('a poll: 0 job is started and read back with async_status; poll > 0 waits; timeout and async fail as Ansible words it', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n` +
        `    - command: sleep 0.3\n      async: 10\n      poll: 0\n      register: j\n` +
        `    - name: status\n      async_status: jid={{ j.ansible_job_id }}\n      register: s\n      until: s.finished\n      retries: 20\n      delay: 1\n` +
        `    - command: echo hi\n      async: 5\n      poll: 1\n      register: p\n` +
        `    - copy: content=x dest=/nonexistent/x\n      async: 5\n      ignore_errors: true\n      register: c\n` +
        `    - command: sleep 3\n      timeout: 1\n      ignore_errors: true\n      register: t\n` +
        `    - command: sleep 3\n      async: 1\n      poll: 1\n      ignore_errors: true\n      register: at\n` +
        `    - name: shown\n      debug: { msg: "{{ [j.finished, j.started, s.finished, s.rc, p.stdout, p.finished, c.msg, t.msg, at.msg] }}" }\n`,
    )
    expect(msgs(r, 'shown')).toEqual([[0, 1, 1, 0, 'hi', 1, 'async is not supported for this task.', 'The command action failed to execute in the expected time frame (1) and was terminated', 'async task did not complete within the requested time - 1s']])
    expect(r.stats.a).toMatchObject({ ok: 7, changed: 3, ignored: 3 }) // ansible-playbook's recap of the same tasks
  })

  it('throttle: 1 runs the task on one host at a time (forks 5): a lock directory never collides', async () => {
    const lock = `/tmp/tsplay-throttle-${process.pid}`
    const r = await play(header() + `    - name: one at a time\n      shell: mkdir ${lock} && sleep 0.2 && rmdir ${lock}\n      throttle: 1\n`)
    expect(r.code).toBe(0)
    expect(r.ran('one at a time')).toHaveLength(3)
  })
})

describe('ping', () => {
  it('answers pong or the data; data=crash is a module failure with Exception: boom, as Ansible\'s ping', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n    - ping:\n      register: p\n    - ping: data=crash\n      register: c\n      ignore_errors: true\n` +
        `    - name: shown\n      debug: { msg: "{{ [p.ping, c is failed, c is changed, 'Exception: boom' in c.module_stdout + c.module_stderr] }}" }\n`,
    )
    expect(msgs(r, 'shown')).toEqual([['pong', true, false, true]])
  })
})

describe('bad module arguments in a task that ignores errors', () => {
  it('fail when the task runs, in Ansible\'s words, and the play goes on', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n    - wait_for_connection:\n        foo: bar\n      ignore_errors: yes\n      register: w\n` +
        `    - file:\n        path: /tmp\n        foo: bar\n      ignore_errors: yes\n      register: f\n` +
        `    - name: shown\n      debug: { msg: "{{ [w.msg, f.msg is match('Unsupported parameters for \\\\(file\\\\) module: foo. Supported parameters include: ')] }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'shown')).toEqual([['Invalid options for wait_for_connection: foo', true]])
  })
})

describe('until', () => {
  it('attempts is in the result for changed_when/failed_when; failed_when outranks running out; retries 0 asks no until', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n` +
        `    - command: 'true'\n      register: r1\n      until: false\n      retries: 2\n      delay: 0.5\n      failed_when: r1.attempts > 5\n` +
        `    - command: 'true'\n      register: r2\n      until: false\n      retries: 0\n` +
        `    - command: 'true'\n      register: r3\n      until: r3.attempts == 2\n      retries: 3\n      delay: 0\n` +
        `    - name: shown\n      debug: { msg: "{{ [r1.attempts, r2.attempts, r2.failed, r3.attempts, r3.failed] }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'shown')).toEqual([[2, 1, false, 2, false]])
  })
})

describe('module_defaults', () => {
  it('give a module arguments its task does not; the nearest level naming the module wins whole; FQCNs and templates', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  vars: { dmsg: from-var }\n  module_defaults:\n    debug: { msg: play-level }\n    ansible.builtin.command: { chdir: /tmp }\n  tasks:\n` +
        `    - name: d1\n      debug:\n` +
        `    - name: d2\n      debug: { msg: own }\n` +
        `    - block:\n        - name: d3\n          debug:\n        - name: d4\n          debug:\n          module_defaults:\n            debug: "{{ {'msg': dmsg} }}"\n` +
        `      module_defaults:\n        - ansible.builtin.debug: { var: dmsg }\n` +
        `    - command: pwd\n      register: p\n` +
        `    - name: d5\n      debug: { msg: "{{ p.stdout }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect([...msgs(r, 'd1'), ...msgs(r, 'd2'), ...msgs(r, 'd4'), ...msgs(r, 'd5')]).toEqual(['play-level', 'own', 'from-var', '/tmp'])
    expect(r.results.find((e) => e.task.name === 'd3')?.result.data).toMatchObject({ dmsg: 'from-var' })
  })

  it('group/ names are refused with the reason', async () => {
    await expect(play(`- hosts: a\n  gather_facts: false\n  module_defaults:\n    group/aws: { region: x }\n  tasks:\n    - debug:\n`)).rejects.toThrow(
      /module_defaults 'group\/aws': tsplay has no action groups/,
    )
  })
})

describe('order', () => {
  it('orders the batches and run_once; ansible_play_hosts_all keeps inventory order', async () => {
    const r = await play(
      `- hosts: all\n  gather_facts: false\n  order: reverse_sorted\n  tasks:\n    - name: once\n      debug: { msg: "{{ [inventory_hostname, ansible_play_hosts_all] }}" }\n      run_once: true\n` +
        `- hosts: all\n  gather_facts: false\n  order: "{{ 'reverse_inventory' }}"\n  serial: 2\n  tasks:\n    - name: batch\n      debug: { msg: "{{ ansible_play_batch }}" }\n`,
      { inventory: 'c,a,b,' },
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'once', 'c')).toEqual([['c', ['c', 'a', 'b']]])
    expect([...msgs(r, 'batch', 'b'), ...msgs(r, 'batch', 'c')]).toEqual([['b', 'a'], ['c']])
  })
})

describe('delegate_facts', () => {
  it("sends a delegated task's facts to the delegated host (each loop item's), and the recap names only hosts that ran", async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n` +
        `    - set_fact: { seen_from: "{{ inventory_hostname }}" }\n      delegate_to: "{{ item }}"\n      delegate_facts: true\n      loop: [b, c]\n` +
        `    - set_fact: { plain: 1 }\n      delegate_to: b\n` +
        `    - name: shown\n      debug: { msg: "{{ [seen_from | default('none'), hostvars.b.seen_from, hostvars.c.seen_from, hostvars.b.plain | default('none'), plain] }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'shown')).toEqual([['none', 'a', 'a', 'none', 1]])
    expect(Object.keys(r.stats)).toEqual(['a'])
  })
})

describe('task names', () => {
  it('are rendered each time the task starts, with the first host\'s variables; undefined leaves the name as written', async () => {
    const r = await play(
      `- hosts: a,b\n  gather_facts: false\n  vars: { p: play }\n  tasks:\n    - command: echo reg\n      register: r\n` +
        `    - name: "name {{ r.stdout }} {{ p }} {{ inventory_hostname }}"\n      debug: { msg: x }\n` +
        `    - name: "undef {{ nope }}"\n      debug: { msg: x }\n` +
        `    - include_tasks: inc.yml\n      loop: [1, 2]\n`,
      { files: { 'inc.yml': '- name: "inc {{ item }}"\n  debug: { msg: y }\n' } },
    )
    expect(r.code).toBe(0)
    const names = [...new Set(r.results.filter((e) => e.host === 'a').map((e) => e.task.name))]
    expect(names).toEqual(['command', 'name reg play a', 'undef {{ nope }}', 'inc 1', 'inc 2']) // an include is announced, not a result
  })
})

describe('debug verbosity', () => {
  it('skips a debug whose verbosity is above the run\'s -v count', async () => {
    const r = await play(header() + `    - name: loud\n      debug: { msg: x, verbosity: 2 }\n      register: d\n    - name: shown\n      debug: { msg: "{{ [d is skipped, d.skipped_reason] }}" }\n`)
    expect(msgs(r, 'shown')).toEqual([[true, 'Verbosity threshold not met.']])
    expect(r.stats.a).toMatchObject({ ok: 1, skipped: 1 })
  })
})

describe('vars_prompt', () => {
  const question = `- hosts: a\n  gather_facts: false\n  vars_prompt:\n    - name: who\n      prompt: Who\n      default: nobody\n    - name: pw\n      private: true\n      encrypt: sha512_crypt\n      salt: abcdefgh\n    - name: given\n  tasks:\n    - name: shown\n      debug: { msg: "{{ [who, pw, given] }}" }\n`

  it('answers from -e first, then the terminal; an empty answer takes the default; encrypt hashes as password_hash', async () => {
    const asked: string[] = []
    const secrets: string[] = []
    const r = await play(question, { extraVars: { given: 'by -e' }, prompt: async (q: string) => (asked.push(q), q.startsWith('Who') ? '' : 'secret'), addSecret: (s) => void secrets.push(s) })
    expect(asked).toEqual(['Who [nobody]: ', 'input for pw: '])
    expect(secrets).toEqual(['secret']) // a private answer is redacted from output like a password ('Who' answered the default)
    expect(msgs(r, 'shown')).toEqual([['nobody', '$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.', 'by -e']])
  })

  it('without an answer and without a default the play stops, naming the variable and -e', async () => {
    await expect(play(question, { extraVars: { given: 'x' } })).rejects.toThrow(/vars_prompt 'pw' got no answer .* has no default/)
  })
})

describe('ansible-core modules tsplay lacks', () => {
  it('load, are skipped by a false when (copy target: yum for RedHat only), and fail when they run', async () => {
    const r = await play(
      header() +
        `    - name: redhat only\n      yum: { name: dosfstools }\n      when: false\n` +
        `    - name: runs\n      ansible.builtin.yum: name=x\n      ignore_errors: true\n      register: y\n` +
        `    - name: shown\n      debug: { msg: "{{ y.msg }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(r.results.filter((e) => e.task.name === 'redhat only').map((e) => e.result.status)).toEqual(['skipped', 'skipped', 'skipped'])
    expect(msgs(r, 'shown')).toEqual(["module 'yum' of ansible-core is not implemented by tsplay"])
  })
})

describe('diff in a registered result', () => {
  it('with diff: yes the registered result holds the diff as a list of before/after (copy target)', async () => {
    const r = await play(
      `- hosts: a\n  gather_facts: false\n  tasks:\n` +
        `    - copy: { content: "Ansible managed\\n", dest: "{{ playbook_dir }}/diffed.txt" }\n      diff: yes\n      register: d\n` +
        `    - name: shown\n      debug: { msg: "{{ d.diff[0].before == '' }} {{ 'Ansible managed' in d.diff[0].after }}" }\n`,
    )
    expect(r.code).toBe(0)
    expect(msgs(r, 'shown')).toEqual(['True True'])
  })
})
