// tsplay against Ansible and against the raw ssh2 floor, side by side, on one lab of N hosts.
//   npx vite-node bench/run.ts [--hosts 20|50|200] [--reps 3] [--ansible-reps N] [--lab NAME] [--keep] [--no-build]
// Every first run meets fresh hosts (upperdirs emptied); tools alternate which goes first per repetition.
// Prints one markdown table and writes the same as JSON to bench/results/. Asserts nothing.
import { execFileSync } from 'node:child_process'
import { cpus, loadavg, tmpdir } from 'node:os'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'
import { labDown, labUp, type LabInfo } from '../src/lab/index.js'
import { resetLab } from './lab-reset.js'
import { measure, type Measured } from './measure.js'
import { markdown, median, row, type BenchResult, type Row } from './report.js'
import { buildSync } from 'esbuild' // vite's, already installed: bench only

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PLAYBOOK = join(ROOT, 'bench', 'playbook.yml')
const ONE_TASK = join(ROOT, 'bench', 'one-task.yml')
const BIN = join(ROOT, 'bin', 'tsplay.js')

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}

const hosts = Number(arg('hosts', '20'))
const reps = Math.max(1, Number(arg('reps', '3')))
// Ansible costs ~0.25 s per host per task on 2 cores: at 200 hosts one run takes minutes.
const ansibleReps = Number(arg('ansible-reps', String(hosts <= 50 ? reps : 1)))
const labName = arg('lab', `bn${hosts}`)

function ensureAnsible(): string {
  try {
    return execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0]
  } catch {
    console.log('ansible-playbook missing: apt-get install -y ansible-core')
    execFileSync('apt-get', ['install', '-y', 'ansible-core'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    return execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0]
  }
}

function taskCount(file: string): number {
  const plays = yaml.load(readFileSync(file, 'utf8')) as { tasks: unknown[] }[]
  return plays.reduce((n, p) => n + p.tasks.length, 0)
}

function check(tool: string, m: Measured, expectChanged: boolean): Measured {
  const t = m.totals
  if (m.code !== 0 || t.failed || t.unreachable || t.ok === 0 || (t.changed > 0) !== expectChanged) {
    throw new Error(`${tool} exited ${m.code} with ${JSON.stringify(t)}\n${m.stdout.slice(-3000)}\n${m.stderr.slice(-3000)}`)
  }
  return m
}

const ansibleEnv = (controlDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  ANSIBLE_PIPELINING: '1',
  ANSIBLE_FORKS: String(hosts),
  ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3', // skip interpreter discovery: Ansible's fastest setup
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir, // ControlPersist on (the default), per repetition
  ANSIBLE_LOCAL_TEMP: join(controlDir, 'tmp'),
})

async function runTool(tool: 'ansible' | 'tsplay', inventory: string, scratch: string, rep: number): Promise<[Measured, Measured]> {
  const runOnce = () =>
    tool === 'ansible'
      ? measure('ansible-playbook', ['-i', inventory, PLAYBOOK], { env: ansibleEnv(join(scratch, `cp${rep}`)), sampleMs: 500 })
      : measure(process.execPath, [BIN, 'run', PLAYBOOK, '-i', inventory, '-f', String(hosts)], { env: { ...process.env, NO_COLOR: '1' } })
  const first = check(`${tool} first run`, await runOnce(), true)
  const rerun = check(`${tool} rerun`, await runOnce(), false)
  return [first, rerun]
}

async function startup(inventory: string): Promise<BenchResult['startup']> {
  const versionRuns: number[] = []
  const oneTaskRuns: number[] = []
  for (let i = 0; i < 5; i++) {
    versionRuns.push((await measure(process.execPath, [BIN, '--version'])).ms)
    const m = await measure(process.execPath, [BIN, 'run', ONE_TASK, '-i', inventory, '-l', 'lab-1'])
    if (m.code !== 0) throw new Error(`one-task run exited ${m.code}: ${m.stdout.slice(-2000)}${m.stderr.slice(-2000)}`)
    oneTaskRuns.push(m.ms)
  }
  return { versionMs: median(versionRuns), oneTaskMs: median(oneTaskRuns), versionRuns, oneTaskRuns }
}

/** bench/ssh-floor.ts as plain JS beside it (so `ssh2` resolves): the floor runs as its own node process. */
function compileFloor(): string {
  const outfile = join(ROOT, 'bench', 'results', 'ssh-floor.mjs')
  buildSync({ entryPoints: [join(ROOT, 'bench', 'ssh-floor.ts')], outfile, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' })
  return outfile
}

let targetsPath = ''
function targetsFile(info: LabInfo): string {
  writeFileSync(targetsPath, JSON.stringify(info.hosts.map((h) => ({ host: h.ip, user: 'root', keyFile: info.key }))))
  return targetsPath
}

async function main(): Promise<void> {
  const ansible = ensureAnsible()
  if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
  const tasks = taskCount(PLAYBOOK)
  const scratch = mkdtempSync(join(tmpdir(), 'tsplay-bench-'))
  const inventory = join(scratch, 'inventory')
  targetsPath = join(scratch, 'targets.json')
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
  const floorScript = compileFloor()
  const t0 = performance.now()
  let info: LabInfo = await labUp({ name: labName, count: hosts, inventoryDir: inventory, owner: process.pid })
  const inv = join(inventory, 'hosts')
  console.log(`lab ${labName}: ${hosts} hosts up in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${ansible}; ${tasks} tasks`)
  const runs: Record<string, Measured[]> = { af: [], ar: [], tf: [], tr: [], floor: [] }
  try {
    for (let rep = 0; rep < reps; rep++) {
      const order: ('ansible' | 'tsplay')[] = rep % 2 ? ['tsplay', 'ansible'] : ['ansible', 'tsplay']
      for (const tool of order) {
        if (tool === 'ansible' && rep >= ansibleReps) continue
        info = await resetLab(info)
        const [first, rerun] = await runTool(tool, inv, scratch, rep)
        runs[tool === 'ansible' ? 'af' : 'tf'].push(first)
        runs[tool === 'ansible' ? 'ar' : 'tr'].push(rerun)
        console.log(`rep ${rep + 1}: ${tool.padEnd(7)} first ${(first.ms / 1000).toFixed(2)} s, rerun ${(rerun.ms / 1000).toFixed(2)} s`)
      }
      const floor = await measure(process.execPath, [floorScript, '--targets', targetsFile(info), String(tasks)])
      if (floor.code !== 0) throw new Error(`floor exited ${floor.code}: ${floor.stderr.slice(-2000)}`)
      runs.floor.push(floor)
      console.log(`rep ${rep + 1}: floor   ${(floor.ms / 1000).toFixed(2)} s (${floor.stdout.trim()} inside the process)`)
    }
    const start = await startup(inv)
    const rows: Row[] = []
    const add = (label: string, ms: Measured[]) => ms.length && rows.push(row(label, ms, hosts, tasks))
    add('Ansible first run', runs.af)
    add('Ansible rerun', runs.ar)
    add('tsplay first run', runs.tf)
    add('tsplay rerun', runs.tr)
    add('floor (ssh2, 1 exec per task)', runs.floor)
    const floorRow = rows.at(-1)!
    delete floorRow.changed
    const m = (label: string) => rows.find((r) => r.label === label)?.medianMs
    const over = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a / b : undefined)
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, ansible, load: loadavg() },
      hosts,
      tasks,
      reps,
      ansibleReps: Math.min(ansibleReps, reps),
      rows,
      ratios: {
        ansibleOverTsplay: { first: over(m('Ansible first run'), m('tsplay first run')), rerun: over(m('Ansible rerun'), m('tsplay rerun')) },
        tsplayOverFloor: { first: m('tsplay first run')! / floorRow.medianMs, rerun: m('tsplay rerun')! / floorRow.medianMs },
      },
      startup: start,
    }
    const dir = join(ROOT, 'bench', 'results')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `${result.date.replace(/[:.]/g, '-')}-h${hosts}.json`)
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n')
    console.log(`\n${markdown(result)}\n\nJSON: ${file}`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
    if (!process.argv.includes('--keep')) await labDown({ name: labName })
  }
}

await main()
