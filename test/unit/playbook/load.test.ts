import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadPlaybook, loadTaskFile } from '../../../src/playbook/load.js'
import type { Block, Task, TaskNode } from '../../../src/playbook/model.js'

const dir = fileURLToPath(new URL('./fixtures/good/', import.meta.url))
const modules = ['debug', 'command', 'copy', 'file', 'shell', 'template', 'service', 'ping']
const playbook = loadPlaybook(dir + 'site.yml', { modules })
const [imported, main] = playbook.plays

const task = (n: TaskNode): Task => {
  if (n.kind !== 'task') throw new Error(`expected a task, got a ${n.kind}`)
  return n
}
const block = (n: TaskNode): Block => {
  if (n.kind !== 'block') throw new Error(`expected a block, got a ${n.kind}`)
  return n
}
const file = (p: { file: string }) => p.file.split('/').at(-1)

describe('plays', () => {
  it('expands import_playbook in place, with its tags', () => {
    expect(playbook.plays).toHaveLength(2)
    expect(imported.hosts).toBe('all')
    expect(imported.tags).toEqual(['imported'])
    expect(file(imported.pos)).toBe('other.yml')
  })

  it('normalises play keywords', () => {
    expect(main).toMatchObject({
      name: 'Main play',
      hosts: 'etcd,kube-master',
      gather_facts: false,
      become: true,
      serial: [1, '50%'],
      strategy: 'free',
      max_fail_percentage: 20,
      any_errors_fatal: false,
      tags: ['main', 'always'],
      environment: { LANG: 'C' },
      vars: { port: 2379 },
    })
    expect(main.pos).toMatchObject({ line: 5, column: 3 })
    expect(main.keyPos.become).toMatchObject({ line: 10 })
  })

  it('loads static vars_files (first existing of a list) and keeps templated ones for run time', () => {
    expect(main.vars_files.map((v) => v.vars)).toEqual([{ common_var: 1 }, { common_var: 1 }, undefined])
    expect(main.vars_files[2].path).toBe('vars/{{ os }}.yml')
    expect(main.vars_files[1].pos).toMatchObject({ line: 23 })
  })
})

describe('roles', () => {
  it('runs dependencies first, once per distinct params', () => {
    expect(main.roles.map((r) => [r.role.name, r.dependencyOf ?? null])).toEqual([
      ['base', 'common'],
      ['common', null],
      ['common', null],
    ])
    expect(main.roles.map((r) => r.ref.params)).toEqual([{ base_flag: true }, {}, { common_port: 1234 }])
  })

  it('wraps role tasks in a block with the role entry keywords and the role scope', () => {
    const third = main.roles[2].block
    expect(third.when).toEqual(['enabled'])
    expect(third.tags).toEqual(['extra'])
    expect(third.role).toMatchObject({ name: 'common', defaults: { common_port: 80 }, vars: { common_internal: 'x' }, params: { common_port: 1234 } })
    expect(third.role!.searchPaths.map((p) => p.split('/').slice(-2).join('/'))).toEqual(['common/files', 'common/templates', 'common/tasks', 'roles/common'])
    const first = task(third.block[0])
    expect(first).toMatchObject({ name: 'Common task', action: 'template', args: { src: 'conf.j2', dest: '/etc/conf' }, notify: ['restart common'] })
    expect(first.role?.params).toEqual({ common_port: 1234 })
    expect(file(first.pos)).toBe('main.yml')
    expect(first.baseDir.endsWith('roles/common/tasks')).toBe(true)
  })

  it('puts role handlers before play handlers', () => {
    expect(main.handlers.map((h) => [h.name, h.action, h.listen])).toEqual([
      ['restart common', 'service', []],
      ['restart thing', 'command', ['restart all']],
    ])
  })
})

describe('tasks', () => {
  const tasks = main.tasks

  it('parses k=v and free-form arguments like Ansible', () => {
    expect(task(tasks[0])).toMatchObject({
      action: 'command',
      args: { chdir: '/tmp', _raw_params: 'echo "a b" c=d' },
      register: 'out',
      changed_when: [false],
      failed_when: ['out.rc != 0'],
      notify: ['restart thing'],
      tags: ['cmd', 'quick'],
    })
  })

  it('strips ansible.builtin. and keeps loops and loop_control', () => {
    expect(task(tasks[1])).toMatchObject({
      action: 'copy',
      args: { src: 'a.txt', dest: '/tmp/b c.txt', mode: '0644' },
      when: ['port == 2379', '{{ not skip }}'],
      loop: "{{ groups['etcd'] }}",
      loop_control: { loop_var: 'host', label: '{{ host }}' },
    })
    expect(task(tasks[1]).keyPos['args.src']).toBeUndefined() // k=v strings have no per-arg position
  })

  it('action: and local_action: forms', () => {
    expect(task(tasks[2])).toMatchObject({ action: 'file', args: { path: '/tmp/x', state: 'touch' }, loop: ['a', 'b'], loop_with: 'items' })
    expect(task(tasks[3])).toMatchObject({ action: 'command', args: { _raw_params: 'hostname' }, delegate_to: 'localhost' })
  })

  it('retry and flag keywords', () => {
    expect(task(tasks[4])).toMatchObject({
      until: ['result is succeeded'],
      retries: 3,
      delay: 1,
      ignore_errors: true,
      delegate_to: 'node1',
      run_once: true,
      no_log: true,
      check_mode: false,
      environment: '{{ env }}',
      vars: { a: 1 },
    })
  })

  it('block / rescue / always', () => {
    const b = block(tasks[5])
    expect(b.when).toEqual(['port is defined'])
    expect(b.become_user).toBe('postgres')
    expect(task(b.block[0]).args).toEqual({ _raw_params: '/bin/false' })
    expect(task(b.rescue[0]).args).toEqual({ msg: 'rescued' })
    expect(task(b.always[0])).toMatchObject({ action: 'meta', args: { action: 'flush_handlers' } })
  })

  it('import_tasks is resolved at load time (nested), as a block carrying its keywords', () => {
    const b = block(tasks[6])
    expect(b).toMatchObject({ imported: 'tasks/extra.yml', tags: ['imported-tasks'] })
    expect(task(b.block[0]).name).toBe('Extra one')
    const nested = block(b.block[1])
    expect(task(nested.block[0])).toMatchObject({ name: 'Nested', args: { msg: 'nested' } })
    expect(file(nested.block[0].pos)).toBe('nested.yml')
  })

  it('include_tasks and include_vars stay tasks for the executor', () => {
    expect(task(tasks[7])).toMatchObject({ action: 'include_tasks', args: { file: 'tasks/{{ name }}.yml' } })
    expect(task(tasks[8])).toMatchObject({ action: 'include_vars', args: { file: 'vars/common.yml' } })
  })

  it('records where each task and keyword is written', () => {
    expect(tasks.map((t) => t.pos.line)).toEqual([35, 42, 51, 56, 57, 71, 80, 82, 83])
    expect(task(tasks[0]).keyPos.notify).toMatchObject({ line: 40, column: 7 })
  })
})

describe('loadTaskFile (include_tasks at run time)', () => {
  it('loads relative to a base dir with the same normalisation', () => {
    const nodes = loadTaskFile('tasks/extra.yml', { baseDir: dir, modules })
    expect(nodes.map((n) => n.kind)).toEqual(['task', 'block'])
    expect(task(nodes[0]).args).toEqual({ _raw_params: 'echo one' })
  })

  it('fills the module\'s declared free-form argument', () => {
    const nodes = loadTaskFile('tasks/extra.yml', { baseDir: dir, modules: { command: { freeForm: 'cmd' }, debug: {} } })
    expect(task(nodes[0]).args).toEqual({ cmd: 'echo one' })
  })
})
