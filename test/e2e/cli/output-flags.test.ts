// Ansible's output flags on lab hosts, compared with ansible itself where it prints the same thing:
// exec -o and --diff, run --list-tags, --step, --force-handlers, --flush-cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labInfo, resetHost } from '../lab-helpers.js'
import { parseRecap, runCommand, runTsplay, type CliResult } from '../run-tsplay.js'

const BIN = fileURLToPath(new URL('../../../bin/tsplay.js', import.meta.url))
let dir: string

function run(command: string, args: string[], input = ''): Promise<CliResult> {
  const env = { NO_COLOR: '1', ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3', ANSIBLE_HOME: join(dir, 'ansible-home') }
  return runCommand(command, args, { cwd: dir, env, input })
}
const tsplay = (args: string[], input?: string) => run(process.execPath, [BIN, ...args], input)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-output-flags-'))
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  for (const host of ['lab-1', 'lab-2']) await resetHost(host) // ansible leaves ~/.ansible, the runs their files: the next test file gets fresh hosts
})

describe('exec', () => {
  it('-o prints what ansible -o prints, byte for byte', async () => {
    const inv = labInfo().hostsIni
    for (const args of [['-a', 'printf "a\\nb"'], ['-m', 'ping'], ['-a', 'sh -c "echo out; echo err >&2"']]) {
      const ours = await tsplay(['exec', 'lab', '-i', inv, '-l', 'lab-1', '-o', ...args])
      const theirs = await run('ansible', ['lab', '-i', inv, '-l', 'lab-1', '-o', ...args])
      expect(ours.stdout, args.join(' ')).toBe(theirs.stdout)
    }
  })

  it('--diff shows the change a module makes, before the host line', async () => {
    const args = ['exec', 'lab-1', '-i', labInfo().hostsIni, '-m', 'copy', '--diff']
    await tsplay([...args, '-a', 'content="old\n" dest=/tmp/exec-diff'])
    const r = await tsplay([...args, '-a', 'content="new\n" dest=/tmp/exec-diff'])
    expect(r.stdout).toMatch(/--- before: \/tmp\/exec-diff\n\+\+\+ after: \/tmp\/exec-diff\n@@ -1,1 \+1,1 @@\n-old\n\+new\nlab-1 \| CHANGED => /)
  })
})

describe('run', () => {
  const tags = `- name: tagged
  hosts: lab
  gather_facts: false
  tags: [p1]
  tasks:
    - name: t1
      command: echo 1
      tags: [b, a]
    - block:
        - name: t2
          command: echo 2
          tags: c
      tags: [blk]
- hosts: lab
  gather_facts: false
  tasks:
    - debug:
        msg: x
`

  it('--list-tags prints what ansible-playbook --list-tags prints', async () => {
    writeFileSync(join(dir, 'tags.yml'), tags)
    const ours = await tsplay(['run', 'tags.yml', '-i', labInfo().hostsIni, '--list-tags'])
    const theirs = await run('ansible-playbook', ['tags.yml', '-i', labInfo().hostsIni, '--list-tags'])
    expect(ours.stdout).toContain('TASK TAGS: [a, b, blk, c, p1]')
    expect(ours.stdout).toBe(theirs.stdout)
  })

  it('--step asks before each task on stdin: y runs it, n skips it, c runs the rest without asking', async () => {
    writeFileSync(
      join(dir, 'step.yml'),
      '- hosts: lab-1\n  gather_facts: false\n  tasks:\n' +
        ['t1', 't2', 't3', 't4'].map((t) => `    - name: ${t}\n      command: echo ${t}\n`).join(''),
    )
    const r = await tsplay(['run', 'step.yml', '-i', labInfo().hostsIni, '--step'], 'y\nn\nc\n')
    expect(r.code, r.stderr).toBe(0)
    const asked = [...r.stdout.matchAll(/Perform task: TASK: (\w+) \(N\)o\/\(y\)es\/\(c\)ontinue: /g)].map((m) => m[1])
    expect(asked).toEqual(['t1', 't2', 't3'])
    const ran = [...r.stdout.matchAll(/TASK \[(\w+)\]/g)].map((m) => m[1])
    expect(ran).toEqual(['t1', 't3', 't4'])
    expect(parseRecap(r.stdout)['lab-1']).toMatchObject({ ok: 3, changed: 3 })
  })

  it('--force-handlers runs notified handlers on a host that failed afterwards', async () => {
    writeFileSync(
      join(dir, 'handlers.yml'),
      `- hosts: lab-1:lab-2
  gather_facts: false
  tasks:
    - name: notifies
      command: echo
      notify: the handler
    - name: fails on lab-2
      command: "test {{ inventory_hostname }} != lab-2"
  handlers:
    - name: the handler
      debug:
        msg: handled
`,
    )
    const args = ['run', 'handlers.yml', '-i', labInfo().hostsIni, '--retry-file', join(dir, 'retry')]
    const plain = await tsplay(args)
    const forced = await tsplay([...args, '--force-handlers'])
    const handled = (out: string) => out.slice(out.indexOf('RUNNING HANDLER')).match(/ok: \[lab-\d\]/g)
    expect(handled(plain.stdout)).toEqual(['ok: [lab-1]'])
    expect(handled(forced.stdout)).toEqual(['ok: [lab-1]', 'ok: [lab-2]'])
  })

  it('--flush-cache is accepted and facts are gathered afresh', async () => {
    writeFileSync(join(dir, 'facts.yml'), '- hosts: lab-1\n  tasks:\n    - debug:\n        var: ansible_hostname\n')
    const r = await runTsplay(['run', join(dir, 'facts.yml'), '-i', labInfo().hostsIni, '--flush-cache'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('TASK [Gathering Facts]')
    expect(r.stdout).toContain('"ansible_hostname": "lab-1"')
  })
})
