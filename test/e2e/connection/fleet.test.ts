// sshd's default MaxStartups 10:30:100 drops unauthenticated connections beyond 10. 200 inventory
// hosts that are all the same server (aliases of lab-1) is the hardest case for pacing: unpaced,
// sshd refuses many of them; through the pool, every one connects.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { Client } from 'ssh2'
import { connectionFor } from '../../../src/connection/index.js'
import { labHost, labInfo } from '../lab-helpers.js'
import { labVars, newPool } from './conn-helpers.js'

const N = 200

function rawConnect(ip: string, key: Buffer): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client()
    c.on('ready', () => resolve(c)).on('error', reject)
    c.connect({ host: ip, username: 'root', privateKey: key, readyTimeout: 30_000 })
  })
}

describe('a fleet against MaxStartups', () => {
  it(`unpaced, ${N} simultaneous handshakes to one sshd are partly refused (the limit is real)`, async () => {
    const key = readFileSync(labInfo().key)
    const results = await Promise.allSettled(Array.from({ length: N }, () => rawConnect(labHost('lab-1').ip, key)))
    for (const r of results) if (r.status === 'fulfilled') r.value.end()
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0)
  })

  it(`through the pool, ${N} hosts on one sshd all connect and run`, async () => {
    const pool = newPool({ connectTimeoutMs: 30_000 })
    const conns = Array.from({ length: N }, (_, i) => connectionFor(`web-${i}`, labVars('lab-1'), { pool }))
    const results = await Promise.allSettled(conns.map((c) => c.run('echo up')))
    await pool.closeAll()
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))
    expect(failed).toEqual([])
    expect(results.every((r) => r.status === 'fulfilled' && r.value.stdout === 'up\n')).toBe(true)
  })
})
