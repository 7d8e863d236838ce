// tsplay's modules against Ansible's own, case by case (parity.ts): same status, same files, same results.
// Needs Debian's ansible-core (CI installs it); skipped without it.
import { beforeAll, describe, expect, it } from 'vitest'
import { parityCases } from './cases/parity.js'
import { haveAnsible, runParity, type ParitySide } from './parity.js'

const enabled = haveAnsible()
let results: Awaited<ReturnType<typeof runParity>> = []

beforeAll(async () => {
  if (enabled) results = await runParity(parityCases)
}, 300_000)

// find's per-file stat data differs between the twin directories (inodes, times): compare what the tree decides
const FILE_KEYS = ['path', 'mode', 'isdir', 'isreg', 'islnk', 'isfifo', 'size', 'pw_name', 'gr_name', 'checksum', 'isuid', 'xusr', 'roth'] as const
function project(key: string, side: ParitySide): unknown {
  const v = side.data[key]
  if (key === 'files' && Array.isArray(v)) return v.map((f: Record<string, unknown>) => Object.fromEntries(FILE_KEYS.filter((k) => k in f).map((k) => [k, k === 'size' && f.isdir ? 'dir' : f[k]])))
  return v
}

describe.skipIf(!enabled)('parity with ansible-core 2.14', () => {
  parityCases.forEach((c, i) => {
    it(`${c.module}: ${c.name}`, () => {
      const { ansible, tsplay } = results[i]
      expect(tsplay.status, `status (ansible: ${ansible.msg} / tsplay: ${tsplay.msg})`).toBe(ansible.status)
      expect(tsplay.tree, 'files left').toBe(ansible.tree)
      for (const k of c.keys ?? []) expect(project(k, tsplay), `result key ${k}`).toEqual(project(k, ansible))
      // Ansible's failure messages are kept word for word: playbooks and Ansible's own tests compare them
      if (ansible.status === 'failed' && !c.ownMsg) expect(tsplay.msg, 'failure message').toBe(ansible.msg)
    })
  })
})
