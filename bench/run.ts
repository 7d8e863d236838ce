// tsplay against Ansible and against the raw ssh2 floor, side by side, on N lab hosts: one lab up to
// --hosts-per-lab (default 200), else several labs whose hosts (named after their lab: `lab up --prefix`)
// make one inventory, e.g. 1,000 hosts as 5 labs of 200.
//   npx vite-node bench/run.ts [--hosts 20|200|1000] [--hosts-per-lab M] [--reps 3] [--ansible-reps N]
//                              [--lab NAME] [--keep] [--no-build]
// Every first run meets fresh hosts (upperdirs emptied); tools alternate which goes first per repetition.
// Ansible runs --ansible-reps times: by default every rep up to 50 hosts, once up to 200, not above (about
// an hour at 1,000 hosts). Prints one markdown table and writes the same as JSON to bench/results/.
import { execFileSync } from 'node:child_process'
import { cpus, loadavg, tmpdir } from 'node:os'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'
import { MAX_HOSTS, labDown, labUp, type LabInfo } from '../src/lab/index.js'
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
// Ansible costs ~0.25 s per host per task on 2 cores: at 200 hosts one run takes minutes, at 1,000 an hour.
const ansibleReps = Number(arg('ansible-reps', String(hosts <= 50 ? reps : hosts <= 200 ? 1 : 0)))
const perLab = Number(arg('hosts-per-lab', '200'))
if (!Number.isInteger(perLab) || perLab < 1 || perLab > MAX_HOSTS) throw new Error(`--hosts-per-lab must be 1 to ${MAX_HOSTS}`)
const labName = arg('lab', `bn${hosts}`)

/** The labs that hold `hosts` hosts, as even as can be: [name, count][]; one lab keeps the plain name. */
function labPlan(): Array<[string, number]> {
  const labs = Math.ceil(hosts / perLab)
  if (labs === 1) return [[labName, hosts]]
  if (labs > 26) throw new Error(`${labs} labs: use a larger --hosts-per-lab`)
  const base = labName.slice(0, 5)
  return Array.from({ length: labs }, (_, i) => [`${base}${'abcdefghijklmnopqrstuvwxyz'[i]}`, Math.floor(hosts / labs) + (i < hosts % labs ? 1 : 0)])
}

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

async function startup(inventory: string, host: string): Promise<BenchResult['startup']> {
  const versionRuns: number[] = []
  const oneTaskRuns: number[] = []
  const rss: number[] = []
  for (let i = 0; i < 5; i++) {
    versionRuns.push((await measure(process.execPath, [BIN, '--version'])).ms)
    const m = await measure(process.execPath, [BIN, 'run', ONE_TASK, '-i', inventory, '-l', host])
    if (m.code !== 0) throw new Error(`one-task run exited ${m.code}: ${m.stdout.slice(-2000)}${m.stderr.slice(-2000)}`)
    oneTaskRuns.push(m.ms)
    rss.push(m.rssMB)
  }
  return { versionMs: median(versionRuns), oneTaskMs: median(oneTaskRuns), versionRuns, oneTaskRuns, oneTaskRssMB: median(rss) }
}

/** bench/ssh-floor.ts as plain JS beside it (so `ssh2` resolves): the floor runs as its own node process. */
function compileFloor(): string {
  const outfile = join(ROOT, 'bench', 'results', 'ssh-floor.mjs')
  buildSync({ entryPoints: [join(ROOT, 'bench', 'ssh-floor.ts')], outfile, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' })
  return outfile
}

let targetsPath = ''
function targetsFile(labs: LabInfo[]): string {
  writeFileSync(targetsPath, JSON.stringify(labs.flatMap((info) => info.hosts.map((h) => ({ host: h.ip, user: 'root', keyFile: info.key })))))
  return targetsPath
}

/** One inventory of every lab's hosts (each line carries its lab's key and known_hosts). */
function combinedInventory(labs: LabInfo[], file: string): string {
  const lines = labs.flatMap((info) => readFileSync(info.hostsIni, 'utf8').split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('[')))
  writeFileSync(file, `# ${labs.map((l) => l.name).join(', ')}\n[lab]\n${lines.join('\n')}\n`)
  return file
}

async function main(): Promise<void> {
  const ansible = ansibleReps > 0 ? ensureAnsible() : 'Ansible not run (--ansible-reps 0)'
  if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
  const tasks = taskCount(PLAYBOOK)
  const scratch = mkdtempSync(join(tmpdir(), 'tsplay-bench-'))
  const inventory = join(scratch, 'inventory')
  targetsPath = join(scratch, 'targets.json')
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
  const floorScript = compileFloor()
  const t0 = performance.now()
  const plan = labPlan()
  let labs: LabInfo[] = []
  for (const [name, count] of plan) labs.push(await labUp({ name, count, prefix: plan.length > 1 ? name : undefined, owner: process.pid }))
  mkdirSync(inventory, { recursive: true })
  const inv = combinedInventory(labs, join(inventory, 'hosts'))
  const up = ((performance.now() - t0) / 1000).toFixed(1)
  console.log(`labs ${plan.map(([n, c]) => `${n} (${c})`).join(', ')}: ${hosts} hosts up in ${up} s; ${ansible}; ${tasks} tasks`)
  const runs: Record<string, Measured[]> = { af: [], ar: [], tf: [], tr: [], floor: [] }
  try {
    for (let rep = 0; rep < reps; rep++) {
      const order: ('ansible' | 'tsplay')[] = rep % 2 ? ['tsplay', 'ansible'] : ['ansible', 'tsplay']
      for (const tool of order) {
        if (tool === 'ansible' && rep >= ansibleReps) continue
        labs = await Promise.all(labs.map(resetLab))
        const [first, rerun] = await runTool(tool, inv, scratch, rep)
        runs[tool === 'ansible' ? 'af' : 'tf'].push(first)
        runs[tool === 'ansible' ? 'ar' : 'tr'].push(rerun)
        console.log(`rep ${rep + 1}: ${tool.padEnd(7)} first ${(first.ms / 1000).toFixed(2)} s, rerun ${(rerun.ms / 1000).toFixed(2)} s`)
      }
      const floor = await measure(process.execPath, [floorScript, '--targets', targetsFile(labs), String(tasks)])
      if (floor.code !== 0) throw new Error(`floor exited ${floor.code}: ${floor.stderr.slice(-2000)}`)
      runs.floor.push(floor)
      console.log(`rep ${rep + 1}: floor   ${(floor.ms / 1000).toFixed(2)} s (${floor.stdout.trim()} inside the process)`)
    }
    const start = await startup(inv, labs[0].hosts[0].name)
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
    const peak = Math.max(...[...runs.tf, ...runs.tr].map((r) => r.rssMB))
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, ansible, load: loadavg() },
      hosts,
      labs: plan.map(([name, count]) => ({ name, hosts: count })),
      memory: { peakMB: peak, oneHostMB: start.oneTaskRssMB, perHostKB: ((peak - start.oneTaskRssMB) * 1024) / Math.max(1, hosts - 1) },
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
    if (!process.argv.includes('--keep')) for (const [name] of plan) await labDown({ name })
  }
}

await main()
