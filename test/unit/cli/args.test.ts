import { describe, expect, it } from 'vitest'
import { parseArgs, type OptionSpec } from '../../../src/cli/args.js'
import { UsageError } from '../../../src/errors.js'

const specs: OptionSpec[] = [
  { name: 'inventory', short: 'i', kind: 'list', help: '' },
  { name: 'become', short: 'b', kind: 'boolean', help: '' },
  { name: 'verbose', short: 'v', kind: 'count', help: '' },
  { name: 'forks', short: 'f', kind: 'string', help: '' },
]

describe('parseArgs', () => {
  it('parses long, short, bundled, counted and repeated options', () => {
    const { options, positionals } = parseArgs(['site.yml', '-i', 'a', '--inventory=b', '-bvvv', '-f20', '--', '-x'], specs)
    expect(options).toEqual({ inventory: ['a', 'b'], become: true, verbose: 3, forks: '20' })
    expect(positionals).toEqual(['site.yml', '-x'])
  })

  it('rejects an unknown option with a suggestion', () => {
    expect(() => parseArgs(['--inventroy', 'x'], specs)).toThrowError(UsageError)
    try {
      parseArgs(['--inventroy', 'x'], specs)
    } catch (e) {
      expect((e as UsageError).describe()).toContain("did you mean '--inventory'")
    }
  })

  it('requires a value where one is expected', () => {
    expect(() => parseArgs(['-f'], specs)).toThrowError(/needs a value/)
  })
})
