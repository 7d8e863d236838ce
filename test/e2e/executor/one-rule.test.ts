// One rule, one home (issue 14): each rule that used to live twice, through the CLI on a lab host —
// booleans, YAML reading (octal modes), shell-word splitting, keyword inheritance.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labInfo, listUpperFiles, resetHost, upperdir } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const work = mkdtempSync(join(tmpdir(), 'tsplay-one-rule-'))
const inventory = join(work, 'inventory')
const onHost = (path: string) => join(upperdir('lab-1'), path)

function playbook(name: string, text: string): string {
  const file = join(work, name)
  writeFileSync(file, text)
  return file
}

beforeAll(async () => {
  await resetHost('lab-1')
  mkdirSync(join(inventory, 'group_vars'), { recursive: true })
  writeFileSync(join(inventory, 'hosts'), readFileSync(labInfo().hostsIni, 'utf8'))
  writeFileSync(join(inventory, 'group_vars', 'all.yml'), 'file_mode: 0644\n')
})

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  await resetHost('lab-1')
})

describe('booleans: one reading (Ansible boolean()) for check and run', () => {
  const site = () =>
    playbook(
      'booleans.yml',
      `- hosts: lab-1
  gather_facts: no
  become: 0
  tasks:
    - copy: content=one dest=/root/b1 backup=1
      no_log: F
    - copy: content=two dest=/root/b2 backup=t
    - copy: {content: three, dest: /root/b3, force: "Y"}
`,
    )

  it('backup=1, backup=t, become: 0 and no_log: F pass check and run, as under Ansible', async () => {
    const check = await runTsplay(['check', site()])
    expect(check.stderr).toBe('')
    expect(check.code).toBe(0)
    const run = await runTsplay(['run', site(), '-i', inventory])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(parseRecap(run.stdout)['lab-1']).toMatchObject({ changed: 3, failed: 0 })
  })

  it('a keyword that is no boolean is refused before running, with file:line', async () => {
    const bad = playbook('bad-flag.yml', '- hosts: lab-1\n  become: maybe\n  tasks: []\n')
    for (const verb of [['check', bad], ['run', bad, '-i', inventory]]) {
      const r = await runTsplay(verb)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/bad-flag\.yml:2:\d+: key 'become' in play must be a boolean \(yes\/no, true\/false, on\/off, y\/n, t\/f, 1\/0\) or a template, got string "maybe"/)
    }
  })
})

describe('YAML: one reading, octal as Ansible reads it', () => {
  it('group_vars `file_mode: 0644` through "{{ file_mode }}" and a literal 0640 give 0644 and 0640', async () => {
    const site = playbook(
      'modes.yml',
      `- hosts: lab-1
  gather_facts: no
  tasks:
    - copy: {content: a, dest: /root/m1, mode: "{{ file_mode }}"}
    - copy: {content: b, dest: /root/m2, mode: 0640}
`,
    )
    const r = await runTsplay(['run', site, '-i', inventory])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect((statSync(onHost('root/m1')).mode & 0o7777).toString(8)).toBe('644')
    expect((statSync(onHost('root/m2')).mode & 0o7777).toString(8)).toBe('640')
  })
})

describe("shell words: one splitter (Python's shlex), as the command module splits", () => {
  it('`echo "a\\$b"` prints a\\$b, as under Ansible', async () => {
    const site = playbook(
      'shlex.yml',
      `- hosts: lab-1
  gather_facts: no
  tasks:
    - command: echo "a\\$b"
      register: r
    - copy: {content: "{{ r.stdout }}", dest: /root/shlex}
`,
    )
    const r = await runTsplay(['run', site, '-i', inventory])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readFileSync(onHost('root/shlex'), 'utf8')).toBe('a\\$b')
  })
})

describe('keyword inheritance: one implementation (executor/scope.ts), as the run applies it', () => {
  it('play environment {A: 1} and task environment {B: 2} give the task both; the nearer level wins a name', async () => {
    const site = playbook(
      'environment.yml',
      `- hosts: lab-1
  gather_facts: no
  environment: {A: "1", C: play}
  tasks:
    - shell: echo "$A $B $C"
      environment: {B: "2", C: task}
      register: r
    - copy: {content: "{{ r.stdout }}", dest: /root/env}
`,
    )
    const r = await runTsplay(['run', site, '-i', inventory])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readFileSync(onHost('root/env'), 'utf8')).toBe('1 2 task')
  })

  it('play `connection: local` runs the tasks on the controller, not on the host', async () => {
    const out = join(work, 'local-out')
    const site = playbook(
      'local.yml',
      `- hosts: lab-1
  gather_facts: no
  connection: local
  tasks:
    - command: hostname
      register: r
    - copy: {content: "{{ r.stdout }}", dest: ${out}}
`,
    )
    const before = listUpperFiles('lab-1')
    const r = await runTsplay(['run', site, '-i', inventory])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(hostname())
    expect(listUpperFiles('lab-1')).toEqual(before)
  })
})
