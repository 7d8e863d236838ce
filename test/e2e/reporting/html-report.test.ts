// --report: the page of a real run on lab hosts, loaded in Debian's chromium (headless), checked for what
// it shows, and saved as a screenshot in the artifacts dir. The page fetches nothing.
import { readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTsplay, type CliResult } from '../run-tsplay.js'
import { artifactsDir, cardCounts, renderedDom, screenshot, textOf } from '../browser.js'
import { FIXTURES, reportInventory } from './report-helpers.js'

let inventory: string
let report: string
let run: CliResult
let dom: string

beforeAll(async () => {
  inventory = reportInventory()
  report = join(dirname(inventory), 'report.html')
  run = await runTsplay(['run', join(FIXTURES, 'report.yml'), '-i', inventory, '-e', 'tool=html', '-D', '--report', report, '--retry-file', join(dirname(inventory), 'retry')])
  expect(run.code, run.stderr).toBe(2)
  dom = await renderedDom(report)
})

afterAll(() => rmSync(dirname(inventory), { recursive: true, force: true }))

describe('--report FILE.html in chromium', () => {
  it('shows the counts of the recap', () => {
    // lab-1 and lab-3: 5 ok (4 changed), 2 skipped; lab-2 stops after its failure: 4 ok (4 changed), 1 skipped
    expect(cardCounts(dom)).toMatchObject({ hosts: '3', tasks: '7', ok: '14', changed: '12', failed: '1', skipped: '5', unreachable: '0' })
    const recap = textOf(dom, 'recap')
    expect(recap).toContain('lab-1 5 4 0 0 2 0 0')
    expect(recap).toContain('lab-2 4 4 0 1 1 0 0')
  })

  it("shows the failed task with its message, rc and stderr, and the host it failed on", () => {
    const failures = textOf(dom, 'failures')
    expect(failures).toContain('FAILED: fails on one host')
    expect(failures).toContain('report.yml:22')
    expect(failures).toContain('rc=3')
    expect(failures).toContain('stderr: broken on purpose')
    expect(failures).toContain('1 host: lab-2')
  })

  it('draws one lane per host with a bar per result, coloured by status', () => {
    const lanes = [...dom.matchAll(/<div class="lane[^"]*"[^>]*data-host="([^"]+)"/g)].map((m) => m[1])
    expect(lanes).toEqual(['lab-1', 'lab-2', 'lab-3'])
    const bars = [...dom.matchAll(/class="bar s-(\w+)"[^>]*title="([^"]*)"/g)].map((m) => `${m[1]}: ${m[2].replace(/ — [\d.]+s$/, '')}`)
    expect(bars).toContain('failed: fails on one host — lab-2 — failed')
    expect(bars).toContain('changed: loops — lab-3 — changed')
    expect(bars.filter((b) => b.startsWith('changed: loops'))).toHaveLength(6) // one bar per loop item
  })

  it('lists the slowest tasks and each diff recorded with -D', () => {
    expect(textOf(dom, 'slowest')).toMatch(/\d+\.\d\ds lab-\d says hello changed \S*report\.yml:7/)
    const diffs = textOf(dom, 'diffs')
    expect(diffs).toContain('writes a file — lab-1')
    expect(diffs).toContain('+report by html on lab-1')
  })

  it('is one self-contained file: no URL to fetch, nothing no_log hid', () => {
    const html = readFileSync(report, 'utf8')
    expect(html).not.toMatch(/\b(src|href)=|url\(|@import|https?:\/\//)
    expect(html).toContain("default-src 'none'")
    expect(html).not.toContain('no-log-value-81723')
  })

  it('saves a screenshot of the page as a test artifact', async () => {
    const png = join(artifactsDir(), 'report-e2e.png')
    rmSync(png, { force: true })
    await screenshot(report, png)
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
  })
})

describe('timing summary', () => {
  it('--timing prints the slowest tasks with host and time, and the play times, after the recap', async () => {
    const r = await runTsplay(['run', join(FIXTURES, 'report.yml'), '-i', inventory, '-e', 'tool=timing', '--timing', '-l', 'lab-1'])
    expect(r.code, r.stderr).toBe(0)
    const after = r.stdout.slice(r.stdout.indexOf('PLAY RECAP'))
    expect(after).toMatch(/TASK TIMES \(slowest first\) \*+\n\s+\d+\.\d\ds {2}lab-1 {2}\S/)
    expect(after).toMatch(/PLAY TIMES \*+\n\s+\d+\.\d\ds {2}report fixture\n\s+\d+\.\d\ds {2}total/)
  })

  it('is on by default when a run takes over 5 s, off with --no-timing; -v prints each task time', async () => {
    const slow = join(dirname(inventory), 'slow.yml')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(slow, '- hosts: lab-1\n  gather_facts: false\n  tasks:\n    - name: takes a while\n      command: sleep 5.2\n')
    const byDefault = await runTsplay(['run', slow, '-i', inventory, '-v'])
    expect(byDefault.stdout).toMatch(/task time: \d+\.\d\ds\n/)
    expect(byDefault.stdout).toMatch(/TASK TIMES[^\n]*\n\s+5\.\d\ds {2}lab-1 {2}takes a while/)
    const off = await runTsplay(['run', slow, '-i', inventory, '--no-timing'])
    expect(off.stdout).toContain('PLAY RECAP')
    expect(off.stdout).not.toContain('TASK TIMES')
  })
})
