// The bench's one table (markdown, README-ready) and its JSON twin.
import type { Measured } from './measure.js'

export interface Series {
  label: string
  runs: Measured[]
}

export interface BenchResult {
  date: string
  machine: { cpus: number; node: string; ansible: string; load: number[] }
  hosts: number
  /** The labs the hosts ran in (one up to --hosts-per-lab). */
  labs?: Array<{ name: string; hosts: number }>
  /** tsplay's peak over its runs, one host with one task, and what each further host adds. */
  memory?: { peakMB: number; oneHostMB: number; perHostKB: number }
  tasks: number
  reps: number
  ansibleReps: number
  rows: Row[]
  ratios: { ansibleOverTsplay: { first?: number; rerun?: number }; tsplayOverFloor: { first: number; rerun: number } }
  startup: { versionMs: number; oneTaskMs: number; versionRuns: number[]; oneTaskRuns: number[]; oneTaskRssMB: number }
}

export interface Row {
  label: string
  medianMs: number
  runsMs: number[]
  perTaskHostMs: number
  peakRssMB?: number
  changed?: number[] // per run: changed tasks summed over hosts (first run > 0, rerun 0)
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

export function row(label: string, runs: Measured[], hosts: number, tasks: number): Row {
  const ms = runs.map((r) => r.ms)
  const m = median(ms)
  return {
    label,
    medianMs: m,
    runsMs: ms,
    perTaskHostMs: m / (hosts * tasks),
    peakRssMB: Math.max(...runs.map((r) => r.rssMB)),
    changed: runs.map((r) => r.totals.changed),
  }
}

const sec = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`)
const x = (r: number | undefined) => (r === undefined ? '–' : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`)

export function markdown(r: BenchResult): string {
  const find = (label: string) => r.rows.find((x) => x.label === label)
  const ratio = (label: string) => {
    if (label.startsWith('tsplay')) {
      const phase = label.endsWith('rerun') ? 'rerun' : 'first'
      return `${x(r.ratios.ansibleOverTsplay[phase])} | ${x(r.ratios.tsplayOverFloor[phase])}`
    }
    return '| '
  }
  const lines = [
    `${r.hosts} hosts × ${r.tasks} tasks, median of ${r.reps} alternating runs${r.ansibleReps < r.reps ? ` (Ansible: ${r.ansibleReps})` : ''} (${r.date}, ${r.machine.cpus} CPUs, load ${r.machine.load.map((l) => l.toFixed(1)).join(' ')})`,
    '',
    '| run | wall (median) | all runs | per task per host | controller peak memory | Ansible ÷ tsplay | tsplay ÷ floor |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const label of ['Ansible first run', 'Ansible rerun', 'tsplay first run', 'tsplay rerun', 'floor (ssh2, 1 exec per task)']) {
    const w = find(label)
    if (!w) continue
    const rss = w.peakRssMB === undefined ? '–' : `${w.peakRssMB.toFixed(0)} MB`
    lines.push(`| ${label} | ${sec(w.medianMs)} | ${w.runsMs.map(sec).join(', ')} | ${w.perTaskHostMs.toFixed(2)} ms | ${rss} | ${ratio(label)} |`)
  }
  const s = r.startup
  lines.push('', `startup: \`tsplay --version\` ${s.versionMs.toFixed(0)} ms; \`tsplay run\` one host, one task ${s.oneTaskMs.toFixed(0)} ms (medians)`)
  if (r.memory) {
    const m = r.memory
    lines.push(`memory: tsplay ${m.peakMB.toFixed(0)} MB at ${r.hosts} hosts, ${m.oneHostMB.toFixed(0)} MB for one host and one task: ${m.perHostKB.toFixed(0)} KB per further host`)
  }
  if (r.labs && r.labs.length > 1) lines.push(`labs: ${r.labs.map((l) => `${l.name} (${l.hosts})`).join(', ')}`)
  return lines.join('\n')
}
