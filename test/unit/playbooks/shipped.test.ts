// Every shipped playbook passes `tsplay check` (schema, module arguments, role templates) without a lab,
// so a broken role or a renamed module argument fails the unit run, not only the slower e2e one.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import check from '../../../src/cli/check.js'

const playbooks = readdirSync('playbooks').filter((f) => f.endsWith('.yml')).map((f) => `playbooks/${f}`)

describe('shipped playbooks', () => {
  it.each(playbooks)('%s passes tsplay check with the extra vars its usage line gives', async (file) => {
    const errors: string[] = []
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (errors.push(String(s)), true))
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      // the extra vars the playbook's own usage line passes (`tsplay run … -e ceph_osd_id=3`)
      const usage = /tsplay run .*/.exec(readFileSync(file, 'utf8'))?.[0] ?? ''
      const extraVars = [...usage.matchAll(/-e (\S+=\S+)/g)].map((m) => m[1])
      const rc = await check.run({ options: { 'extra-vars': extraVars }, positionals: [file] } as unknown as Parameters<typeof check.run>[0])
      expect(errors.join('')).toBe('')
      expect(rc).toBe(0)
    } finally {
      err.mockRestore()
      out.mockRestore()
    }
  })
})
