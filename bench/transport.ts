// tsplay's transport against the plain-ssh2 floor on N lab hosts × C sequential trivial commands.
//   npx vite-node bench/transport.ts [--hosts 50] [--commands 20] [--rounds 3] [--lab NAME] [--keep]
// Prints the times side by side and the ratio (target ≤ 1.5× the floor); asserts nothing.
import { ConnectionPool, connectionFor, type PoolOptions } from '../src/connection/index.js'
import { parseSshConfig } from '../src/connection/ssh-config.js'
import { labDown, labUp, type LabInfo } from '../src/lab/index.js'
import { runFloor } from './ssh-floor.js'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}

async function runTsplay(info: LabInfo, count: number, options: PoolOptions = {}): Promise<number> {
  const start = performance.now()
  const pool = new ConnectionPool({ sshConfig: parseSshConfig('', '(none)'), agent: false, knownHostsFiles: [info.knownHosts], ...options })
  await Promise.all(
    info.hosts.map(async (h) => {
      const conn = connectionFor(h.name, { ansible_host: h.ip, ansible_user: 'root', ansible_ssh_private_key_file: info.key }, { pool })
      for (let i = 0; i < count; i++) {
        const r = await conn.run('true')
        if (r.rc !== 0) throw new Error(`${h.name}: rc ${r.rc}`)
      }
    }),
  )
  const elapsed = performance.now() - start
  await pool.closeAll()
  return elapsed
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`

const hosts = Number(arg('hosts', '50'))
const commands = Number(arg('commands', '20'))
const rounds = Number(arg('rounds', '3'))
const name = arg('lab', 'btrans')
const t0 = performance.now()
const info = await labUp({ name, count: hosts })
console.log(`lab ${name}: ${info.hosts.length} hosts up in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
const targets = info.hosts.map((h) => ({ host: h.ip, user: 'root', keyFile: info.key }))

try {
  const floor: number[] = []
  const shell: number[] = []
  const exec: number[] = []
  for (let r = 0; r < rounds; r++) {
    floor.push(await runFloor(targets, commands))
    shell.push(await runTsplay(info, commands))
    exec.push(await runTsplay(info, commands, { channel: 'exec' }))
  }
  const f = median(floor)
  console.log(`\n${hosts} hosts × ${commands} sequential commands, median of ${rounds} (connect included)`)
  console.log(`  floor (ssh2, exec per command)     ${ms(f)}   1.00×`)
  console.log(`  tsplay (persistent sh, default)    ${ms(median(shell))}   ${(median(shell) / f).toFixed(2)}×`)
  console.log(`  tsplay (exec per command)          ${ms(median(exec))}   ${(median(exec) / f).toFixed(2)}×`)

  // Per-command latency on one connected host: the channel strategy decision.
  const one = { ...info, hosts: info.hosts.slice(0, 1) }
  const n = 200
  const lat = async (o: PoolOptions) => ((await runTsplay(one, n, o)) - (await runTsplay(one, 1, o))) / (n - 1)
  console.log(`\nper command on one host (${n} sequential, connect subtracted)`)
  console.log(`  persistent sh   ${(await lat({})).toFixed(2)} ms`)
  console.log(`  exec channel    ${(await lat({ channel: 'exec' })).toFixed(2)} ms`)
} finally {
  if (!process.argv.includes('--keep')) await labDown({ name })
}
