// The human reporter's lines for a module result, as Ansible's default callback prints them.
import { describe, expect, it } from 'vitest'
import { HumanReporter } from '../../../src/reporters/human.js'

const task = { name: 't', module: 'command', file: 'p.yml', line: 1 }

describe('human output', () => {
  it("prints a module's warnings before its result line, each once per run, and none of a no_log task", () => {
    let out = ''
    const r = new HumanReporter({ write: (s) => void (out += s), color: false })
    r.onHostResult({ host: 'h', task, result: { status: 'ok', data: { warnings: ['As of Ansible 2.4, the parameter executable is no longer supported with the command module. Not using \'/bin/sh\'.'] } } })
    r.onHostResult({ host: 'h', task, result: { status: 'ok', data: { warnings: ['secret'] } }, noLog: true })
    r.onWarning('As of Ansible 2.4, the parameter executable is no longer supported with the command module. Not using \'/bin/sh\'.')
    expect(out).toBe("[WARNING]: As of Ansible 2.4, the parameter executable is no longer supported with the command module. Not using '/bin/sh'.\nok: [h]\nok: [h]\n")
  })
})
