// The floor tsplay's transport is measured against: plain ssh2, one connection per host, one exec
// channel per command, Nagle off, no host key check, no pacing. Nothing less can do the same work.
import { readFileSync } from 'node:fs'
import { Client } from 'ssh2'

export interface FloorTarget {
  host: string
  port?: number
  user: string
  keyFile: string
}

function connect(t: FloorTarget): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client()
    c.on('ready', () => resolve(c)).on('error', reject)
    c.connect({ host: t.host, port: t.port ?? 22, username: t.user, privateKey: readFileSync(t.keyFile), readyTimeout: 30_000 })
    c.setNoDelay(true)
  })
}

function exec(c: Client, command: string): Promise<number> {
  return new Promise((resolve, reject) =>
    c.exec(command, (err, ch) => {
      if (err) return reject(err)
      let rc = 0
      ch.on('data', () => {})
      ch.stderr.on('data', () => {})
      ch.on('exit', (code: number | null) => (rc = code ?? 1))
      ch.on('close', () => resolve(rc))
    }),
  )
}

/** All hosts in parallel; on each, `count` sequential execs of `command`. Returns elapsed ms. */
export async function runFloor(targets: FloorTarget[], count: number, command = 'true'): Promise<number> {
  const start = performance.now()
  await Promise.all(
    targets.map(async (t) => {
      const c = await connect(t)
      for (let i = 0; i < count; i++) await exec(c, command)
      c.end()
    }),
  )
  return performance.now() - start
}

// `node ssh-floor.mjs --targets FILE.json COUNT`: the floor as its own process, like the tools it is
// compared with (bench/run.ts compiles this file with esbuild and times the whole process).
if (process.argv[2] === '--targets') {
  const targets = JSON.parse(readFileSync(process.argv[3], 'utf8')) as FloorTarget[]
  console.log(`${(await runFloor(targets, Number(process.argv[4]))).toFixed(1)} ms`)
}

// `npx vite-node bench/ssh-floor.ts user@host[:port] keyfile [count]`: a one-off measurement.
if (/^[^-].*@/.test(process.argv[2] ?? '')) {
  const [target, keyFile, count] = process.argv.slice(2)
  const [user, hostPort] = target.split('@')
  const [host, port] = hostPort.split(':')
  const ms = await runFloor([{ host, port: port ? Number(port) : 22, user, keyFile }], Number(count ?? 20))
  console.log(`${count ?? 20} execs: ${ms.toFixed(1)} ms`)
}
