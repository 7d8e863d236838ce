// What a run costs a host, counted rather than timed: every process a host starts takes a PID in its
// own PID namespace, so /proc/sys/kernel/ns_last_pid before and after a run counts them exactly. The
// bench playbook (bench/playbook.yml, 12 tasks) is the yardstick; at 200 hosts the hosts' CPU is most
// of a run's wall time, and each process costs a lab host 1-1.6 ms of it.
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { labInfo, resetHost, sshRun } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const HOST = 'lab-3'
const PLAYBOOK = fileURLToPath(new URL('../../../bench/playbook.yml', import.meta.url))
// measured 34 on a fresh host (35 before the second edit of a file the run had just written compared it in
// the shell and read its mode with one stat, instead of sha256sum and chmod --reference; 38 before a directory
// or link made by a task whose result nothing reads was no longer read again by a stat; 39 before copy's mode
// came with the file and the stat of its result confirmed it, 40 before an edit of a file the run had just
// written took one round trip, 41 before a symlink's target came from the same stat; 35 and 32 before
// Ansible's result keys: a path made or written is read again for its owner/mode/size, +1 each for two
// directories and a file; stat asks `file` for the mime type and lsattr for the attributes, as Ansible's
// stat does by default, +2; 57 and 38 before the printf writes)
const MAX_PROCESSES = 34

async function lastPid(): Promise<number> {
  const r = await sshRun(HOST, 'cat /proc/sys/kernel/ns_last_pid')
  expect(r.rc, r.stderr).toBe(0)
  return Number(r.stdout)
}

/** Processes a run starts on the host, without those of the ssh session that reads the counter. */
async function processesOf(run: () => Promise<void>): Promise<number> {
  const a = await lastPid()
  const b = await lastPid()
  await run()
  const c = await lastPid()
  return c - b - (b - a)
}

async function bench(expectChanged: number): Promise<void> {
  const r = await runTsplay(['run', PLAYBOOK, '-i', labInfo().hostsIni, '-l', HOST])
  expect(r.code, r.stdout + r.stderr).toBe(0)
  expect(parseRecap(r.stdout)[HOST]).toMatchObject({ ok: 12, changed: expectChanged, failed: 0 })
}

beforeAll(() => resetHost(HOST))
afterAll(() => resetHost(HOST))

it(`the bench playbook starts at most ${MAX_PROCESSES} processes on a fresh host, and as few on the rerun`, async () => {
  const first = await processesOf(() => bench(8))
  const rerun = await processesOf(() => bench(0))
  expect(first, `first run: ${first} processes`).toBeLessThanOrEqual(MAX_PROCESSES)
  expect(rerun, `rerun: ${rerun} processes`).toBeLessThanOrEqual(MAX_PROCESSES)
  expect(first).toBeGreaterThan(12) // one login, then at least a process per task: the counter counts
})
