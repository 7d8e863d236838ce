// The corpora of ../shared/jinja (kubespray items and idioms, with ansible-core 2.14's verdicts): the
// acceptance thresholds. Skipped with a message when the corpus is not beside the repository.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCorpus } from './corpus-lib.js'

const dir = resolve(process.cwd(), '../shared/jinja')
const present = existsSync(join(dir, 'corpus-kubespray.json'))
if (!present) console.warn(`jinja corpus tests skipped: no corpus at ${dir}`)

describe.skipIf(!present)('Jinja2 corpus against ansible-core 2.14', () => {
  it('kubespray: ≥ 98 % of the items Ansible evaluates agree, and every item it rejects is rejected', () => {
    const r = runCorpus(dir, 'kubespray')
    expect(r.okAgree / r.okTotal).toBeGreaterThanOrEqual(0.98)
    expect(r.failAgree).toBe(r.failTotal)
  })

  it('idioms: ≥ 98 % agree', () => {
    const r = runCorpus(dir, 'idioms')
    expect((r.okAgree + r.failAgree) / (r.okTotal + r.failTotal)).toBeGreaterThanOrEqual(0.98)
    expect(r.failAgree).toBe(r.failTotal)
  })
})
