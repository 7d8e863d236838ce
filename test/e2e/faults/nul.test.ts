// Issue 15, point 1: a NUL byte cannot reach a path, a command word or a shell string (the shell and
// execve end the string there, so `/root/x\0y` became `/root/xy` and the task said `changed`). Such an
// argument is refused naming the task and the key; content keeps its NULs byte-exact.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listUpperFiles, resetHost, upperdir } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'
import { scratch, type Scratch } from './fault-helpers.js'

let s: Scratch

beforeAll(async () => {
  s = scratch('nul')
  await resetHost('lab-1')
})

afterAll(async () => {
  s.remove()
  await resetHost('lab-1')
})

const PLAY = `- hosts: lab-1
  gather_facts: no
  vars:
    nul: "\\0"
  tasks:
    - name: a path with a NUL
      file: path="/root/x{{ nul }}y" state=touch
      ignore_errors: true
    - name: a command word with a NUL
      command: "touch /root/a{{ nul }}b"
      ignore_errors: true
    - name: a shell string with a NUL
      shell: "echo a{{ nul }}b > /root/shell-out"
      ignore_errors: true
    - name: content with a NUL
      copy: content="a{{ nul }}b" dest=/root/content
`

describe('NUL bytes', () => {
  it('in a path, a command word or a shell string are refused naming the task and key; content keeps them', async () => {
    const site = s.write('site.yml', PLAY)
    const r = await runTsplay(['run', site, '-i', s.inventory])
    expect(r.code).toBe(0)
    const refused = (module: string, key: string, task: string, line: number) =>
      `${site}:${line}:7: ${module}: argument '${key}' of task '${task}' holds a NUL byte (embedded null byte): a path, a command or a shell string cannot`
    expect(r.stdout).toContain(refused('file', 'path', 'a path with a NUL', 7))
    expect(r.stdout).toContain(refused('command', 'cmd', 'a command word with a NUL', 10))
    expect(r.stdout).toContain(refused('shell', 'cmd', 'a shell string with a NUL', 13))
    expect(parseRecap(r.stdout)['lab-1']).toMatchObject({ ignored: 3, changed: 1, failed: 0 })
    expect(listUpperFiles('lab-1')).toEqual(['root/content'])
    expect(readFileSync(join(upperdir('lab-1'), 'root/content'))).toEqual(Buffer.from('a\0b'))
  })

  it('written in the playbook itself are refused at load with file:line (exit 1), before connecting', async () => {
    const site = s.write('literal.yml', '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - name: literal\n      file:\n        path: "/root/lit\\0eral"\n        state: touch\n')
    const r = await runTsplay(['run', site, '-i', s.inventory])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${site}:6:9: argument 'path' of module 'file' in task 'literal' holds a NUL byte (embedded null byte)`)
    expect(listUpperFiles('lab-1')).toEqual(['root/content'])
  })
})
