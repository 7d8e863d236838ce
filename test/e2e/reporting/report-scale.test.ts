// The report of a 1,000-host run stays usable: lanes are virtualised (the page holds the rows in view,
// not 1,000), while the counts and the recap cover every host. The hosts are local connections (-c local),
// so the run needs no lab.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runTsplay } from '../run-tsplay.js'
import { artifactsDir, cardCounts, renderedDom, screenshot, textOf } from '../browser.js'

const HOSTS = 1000
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-report-scale-'))
  const hosts = Array.from({ length: HOSTS }, (_, i) => `        node-${String(i + 1).padStart(4, '0')}:${i % 400 === 7 ? ' { failme: true }' : ''}`)
  writeFileSync(join(dir, 'inventory.yml'), `all:\n  vars:\n    failme: false\n  children:\n    fleet:\n      hosts:\n${hosts.join('\n')}\n`)
  writeFileSync(
    join(dir, 'site.yml'),
    `- name: a thousand hosts
  hosts: fleet
  gather_facts: false
  tasks:
    - name: first
      debug:
        msg: "{{ inventory_hostname }}"
    - name: fails on a few
      fail:
        msg: "this node is marked to fail"
      when: failme
    - name: last
      set_fact:
        done: true
`,
  )
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('1,000 hosts: counts and recap for all, only the lanes in view in the page', async () => {
  const report = join(dir, 'report.html')
  const r = await runTsplay(['run', join(dir, 'site.yml'), '-i', join(dir, 'inventory.yml'), '-c', 'local', '--report', report, '--json'])
  expect(r.code, r.stderr).toBe(2)
  expect(readFileSync(report, 'utf8').length).toBeLessThan(2_000_000)
  const dom = await renderedDom(report)
  expect(cardCounts(dom)).toMatchObject({ hosts: '1000', tasks: '3', failed: '3', ok: String(2 * HOSTS - 3) })
  const lanes = dom.match(/<div class="lane/g) ?? []
  expect(lanes.length).toBeGreaterThan(10)
  expect(lanes.length).toBeLessThan(100)
  expect(textOf(dom, 'lane-count')).toBe('1000 hosts')
  expect(dom.match(/<tr class="s-\w+" data-host="node-/g)).toHaveLength(HOSTS)
  expect(textOf(dom, 'failures')).toContain('3 hosts: node-0008, node-0408, node-0808')
  await screenshot(report, join(artifactsDir(), 'report-1000-hosts.png'), '1400,1000')
})
