import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseKv, splitArgs } from '../../../src/playbook/kv.js'
import { ConfigError } from '../../../src/errors.js'

// Generated with ansible-core 2.14 (ansible.parsing.splitter.parse_kv / split_args).
const cases = JSON.parse(readFileSync(new URL('./fixtures/ansible/parse-kv.json', import.meta.url), 'utf8')) as {
  args: string
  checkRaw: boolean
  split: string[]
  parsed: Record<string, string>
}[]

describe('parseKv / splitArgs match Ansible', () => {
  for (const c of cases) {
    it(JSON.stringify(c.args), () => {
      expect(splitArgs(c.args)).toEqual(c.split)
      expect(parseKv(c.args, c.checkRaw)).toEqual(c.parsed)
    })
  }

  it('rejects unbalanced quotes with the position', () => {
    expect(() => parseKv('a="b', false, { file: 'x.yml', line: 3 })).toThrowError(ConfigError)
    try {
      parseKv('a="b', false, { file: 'x.yml', line: 3 })
    } catch (e) {
      expect((e as ConfigError).describe()).toMatch(/^x\.yml:3: cannot split arguments: unbalanced quotes/)
    }
  })
})
