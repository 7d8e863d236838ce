import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { schemaDir, schemaProblems, taskKeywords } from '../../../src/playbook/validate.js'
import { parseYaml } from '../../../src/playbook/yaml.js'

const files = readdirSync(fileURLToPath(schemaDir)).filter((f) => f.endsWith('.schema.json'))

describe('published schemas', () => {
  it('are JSON with $id equal to their file name (editors resolve the relative $refs)', () => {
    expect(files.length).toBeGreaterThanOrEqual(8)
    for (const f of files) expect(JSON.parse(readFileSync(new URL(f, schemaDir), 'utf8')).$id).toBe(f)
  })

  it('task keywords come from the task schema', () => {
    for (const k of ['name', 'when', 'loop', 'register', 'notify', 'become', 'delegate_to', 'until', 'retries', 'no_log', 'check_mode']) {
      expect(taskKeywords().has(k)).toBe(true)
    }
    expect(taskKeywords().has('command')).toBe(false)
  })

  it('report every problem in document order', () => {
    const { data, map } = parseYaml('- hosts: all\n  gather_facts: maybe\n  tasks:\n    - command: x\n      retries: -1\n  serial: {}\n', 'p.yml')
    expect(schemaProblems('playbook', data, map).map((p) => `${p.position.line}: ${p.message}`)).toEqual([
      "2: key 'gather_facts' in play must be a boolean (yes/no, true/false, on/off, y/n, t/f, 1/0) or a template, got string \"maybe\"",
      "5: key 'retries' in task must be a whole number or a template, got number -1",
      "6: key 'serial' in play must be a number, a percentage like \"30%\", or a list of them, got a dict",
    ])
  })
})
