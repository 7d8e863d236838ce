// Our own probes (probes/probes-N.json, made by probes/gen-N.py) with ansible-core 2.14's verdicts
// (probes/expected-N.json, made by ../shared/jinja/oracle.py): every one must agree except the few
// listed here, which cannot (a random address in a repr).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runProbes } from './corpus-lib.js'

const here = join(import.meta.dirname, 'probes')
const KNOWN: Record<string, string> = {
  'q82': "int attributes (n.real) are not modelled",
  'q212': 'the repr of a joiner object carries a memory address',
}

describe('own probes against ansible-core 2.14', () => {
  for (const n of [1, 2]) {
    it(`probes-${n}`, () => {
      const r = runProbes(`probes-${n}`, join(here, `probes-${n}.json`), join(here, `expected-${n}.json`))
      const unexpected = r.mismatches.filter((m) => !(m.id in KNOWN)).map((m) => ({ id: m.id, text: m.text, expected: m.expected, got: m.got }))
      expect(unexpected).toEqual([])
    })
  }
})
