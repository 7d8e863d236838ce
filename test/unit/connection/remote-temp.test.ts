// remote-temp.ts's sh functions, run by the real /bin/sh: owner-named temp files, the sweep of those
// whose shell is gone, the system's reason for a failed write, and a transfer that stops sending.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REMOTE_TEMP_SH } from '../../../src/connection/remote-temp.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-rtemp-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sh = (body: string, env: Record<string, string> = {}) =>
  execFileSync('/bin/sh', ['-c', `${REMOTE_TEMP_SH}\n${body}`], { encoding: 'utf8', env: { ...process.env, ...env } })

describe('tp_tmp', () => {
  it('names the temp file for its shell (pid and start time) and removes it when the shell exits', () => {
    const out = sh(`tp_tmp ${dir}; echo x > "$tmp"; echo "$tmp"; read -r s < /proc/$$/stat; echo "$$"`).trim().split('\n')
    const [tmp, pid] = out
    expect(tmp).toMatch(new RegExp(`^${dir}/\\.tsplay-${pid}\\.\\d+-1\\.tmp$`))
    expect(existsSync(tmp)).toBe(false)
  })

  it('removes temp files whose shell no longer runs, keeps those of live shells and other files', () => {
    const live = execFileSync('/bin/sh', ['-c', 'read -r s < /proc/$PPID/stat; echo "$PPID ${s#*) }"'], { encoding: 'utf8' }).trim().split(' ')
    const liveName = `.tsplay-${live[0]}.${live[20]}-1.tmp` // this test process: alive
    const names = [liveName, '.tsplay-999999.12345-1.tmp', `.tsplay-${live[0]}.1-2.tmp`, '.tsplay-999999.1-3.tmp.err', '.tsplay-abcdef.tmp', 'keep.txt']
    for (const n of names) writeFileSync(join(dir, n), '')
    sh(`tp_tmp ${dir}; trap - EXIT`)
    expect(readdirSync(dir).sort()).toEqual([liveName, '.tsplay-abcdef.tmp', 'keep.txt'].sort())
  })
})

describe('tp_wfail', () => {
  it("says why a write failed in the system's words, naming the destination", () => {
    const r = (() => {
      try {
        return sh('tmp=/dev/full; printf hello > "$tmp" 2>/dev/null || tp_wfail /etc/important')
      } catch (e) {
        return String((e as { stderr: string }).stderr)
      }
    })()
    expect(r).toBe('cannot write /etc/important: No space left on device\n')
  })
})

describe('tp_recv', () => {
  it('takes exactly SIZE bytes, or says the transfer was cut short', () => {
    expect(execFileSync('/bin/sh', ['-c', `${REMOTE_TEMP_SH}\ntp_tmp ${dir}; tp_recv 5 /x; cat "$tmp"`], { input: 'hello', encoding: 'utf8' })).toBe('hello')
    expect(() => execFileSync('/bin/sh', ['-c', `${REMOTE_TEMP_SH}\ntp_tmp ${dir}; tp_recv 9 /x`], { input: 'hello', stdio: 'pipe' })).toThrow(/transfer interrupted: 5 of 9 bytes for \/x/)
  })

  it('gives up after TP_IDLE seconds without data, removing its temp file', async () => {
    const child = spawn('/bin/sh', ['-c', `${REMOTE_TEMP_SH}\ntp_tmp ${dir}; tp_recv 100 /x`], { env: { ...process.env, TP_IDLE: '1' } })
    child.stdin.write('partial') // and then nothing, the stream left open as a cut connection leaves it
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const code = await new Promise((resolve) => child.on('close', resolve))
    child.stdin.destroy()
    expect(code).toBe(1)
    expect(stderr).toBe('no data for 1s: the transfer to /x was abandoned\n')
    expect(readdirSync(dir).filter((n) => n.startsWith('.tsplay-') && n.includes(`${child.pid}.`))).toEqual([])
  })
})
