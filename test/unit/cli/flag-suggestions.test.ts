// A suggestion for a mistyped flag never names a flag with another meaning: single letters get none
// (-c is not -C, -k is not -K), long typos lead back to the flag that was meant, and ansible's flags that
// tsplay lacks say what to do instead. Checked on the real option lists of `run` and `exec`.
import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../../src/cli/args.js'
import type { Command } from '../../../src/cli/command.js'
import run from '../../../src/cli/run.js'
import exec from '../../../src/cli/exec.js'
import { UsageError } from '../../../src/errors.js'

function problem(argv: string[], command: Command): string {
  try {
    parseArgs(argv, command.options)
  } catch (e) {
    if (e instanceof UsageError) return e.describe()
    throw e
  }
  return ''
}

describe.each([run, exec])('tsplay $name', (command) => {
  const shorts = new Set(command.options.flatMap((o) => (o.short ? [o.short] : [])))
  const longs = command.options.map((o) => o.name)

  it('has the flags ansible users reach for', () => {
    for (const flag of ['c', 'k', 'T', 'K', 'C', 'D', 'u', 'b', 'v', 'i', 'l', 'e', 'f']) expect(shorts, flag).toContain(flag)
    for (const flag of ['connection', 'ask-pass', 'timeout', 'ssh-common-args', 'ssh-extra-args', 'json', 'report']) expect(longs).toContain(flag)
  })

  it('never suggests a flag for an unknown single letter', () => {
    for (const letter of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      if (shorts.has(letter)) continue
      const message = problem([`-${letter}`], command)
      expect(message, `-${letter}`).toMatch(new RegExp(`^unknown option -${letter}\\b`))
      expect(message, `-${letter}`).not.toContain('did you mean')
    }
  })

  it('leads a long flag with one letter missing back to that flag', () => {
    for (const name of longs) {
      for (let i = 0; i < name.length; i++) {
        const typo = name.slice(0, i) + name.slice(i + 1)
        if (longs.includes(typo)) continue
        const message = problem([`--${typo}`, 'x'], command)
        if (message.includes('did you mean')) expect(message, `--${typo}`).toContain(`did you mean '--${name}'?`)
      }
    }
    expect(problem(['--chek'], command)).toBe("unknown option --chek (did you mean '--check'?)")
  })

  it("names ansible's flags that tsplay lacks, with what to use instead", () => {
    expect(problem(['-M', 'lib'], command)).toBe("unknown option -M (ansible's --module-path) (modules are built into tsplay: tsplay doc -l lists them)")
    expect(problem(['--key-file', 'k'], command)).toBe("unknown option --key-file (ansible's --key-file) (use --private-key FILE (the same option))")
    expect(problem(['-B', '60'], command)).toContain('async tasks are not supported')
  })
})

it('-o and -m belong to exec, and run says so', () => {
  expect(problem(['-o'], run)).toBe("unknown option -o (one-line output (ansible's -o) is for tsplay exec)")
  expect(problem(['-m', 'ping'], run)).toContain('tsplay exec PATTERN -m MODULE')
})
