// fleet_unit: a unit in fleet's registry, through fleetctl on the task's host.
//   state=present   submitted with the content of `path` (fleet names the unit after the file)
//   state=started   submitted and launched (`fleetctl start -no-block`)
//   state=stopped   submitted, not launched (`fleetctl stop -no-block` when launched)
//   state=absent    destroyed
// The registry's copy (`fleetctl cat`) is compared with the file: changed only when the content differs
// or the desired state is not the unit's. fleet units are immutable, so new content means destroy + submit.
// Reads registry, unit and file in one round trip; applies in a second one only when something changes.
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { MARK, decode64, runSnippet } from './lib/snippet.js'
import { defineModule, type ModuleContext } from './types.js'

export interface FleetUnitArgs {
  name?: string
  path?: string
  state: 'present' | 'started' | 'stopped' | 'absent'
  fleetctl: string
  endpoint?: string
}

/** What the registry holds: dstate is fleet's desired state (inactive | loaded | launched), '' when unknown. */
export interface FleetUnitState {
  dstate: string
  current?: string // the registry's content, when the unit is known
  wanted?: string // the file's content, when the file exists
}

const UNIT_NAME = /^[A-Za-z0-9_.@:-]+\.[a-z]+$/
const same = (x?: string, y?: string) => x !== undefined && y !== undefined && x.trimEnd() === y.trimEnd()

/** The fleetctl argv words for each step, in order, from what is and what is wanted. */
export function fleetPlan(a: Pick<FleetUnitArgs, 'state' | 'path'>, name: string, s: FleetUnitState): string[][] {
  const known = s.dstate !== ''
  if (a.state === 'absent') return known ? [['destroy', name]] : []
  const steps: string[][] = []
  let dstate = s.dstate
  if (known && !same(s.current, s.wanted)) {
    steps.push(['destroy', name])
    dstate = ''
  }
  if (dstate === '') {
    steps.push(['submit', a.path as string])
    dstate = 'inactive'
  }
  if (a.state === 'started' && dstate !== 'launched') steps.push(['start', '-no-block', name])
  if (a.state === 'stopped' && dstate === 'launched') steps.push(['stop', '-no-block', name])
  return steps
}

/** `fleetctl list-unit-files -no-legend -fields=unit,dstate` lines → dstate of `name` ('' if absent). */
export function parseDstate(text: string, name: string): string {
  for (const line of text.split('\n')) {
    const [unit, dstate] = line.trim().split(/\s+/)
    if (unit === name) return dstate ?? ''
  }
  return ''
}

const base = (a: FleetUnitArgs) => [a.fleetctl, ...(a.endpoint ? [`--endpoint=${a.endpoint}`] : [])]

async function read(ctx: ModuleContext, a: FleetUnitArgs, name: string): Promise<FleetUnitState> {
  const fc = quoteArgv(base(a))
  const body = `
list=$(${fc} list-unit-files -no-legend -fields=unit,dstate) || tp_fail "fleetctl list-unit-files failed (is fleet running?)"
printf '%s list=%s\\n' ${MARK} "$(tp_b64 "$list")"
if printf '%s\\n' "$list" | awk -v u=${quote(name)} '$1 == u { f = 1 } END { exit !f }'; then
  cur=$(${fc} cat ${quote(name)}) || tp_fail "fleetctl cat failed"
  printf '%s current=%s\\n' ${MARK} "$(tp_b64 "$cur")"
fi
${a.path ? `if [ -f ${quote(a.path)} ]; then printf '%s wanted=%s\\n' ${MARK} "$(base64 -w0 < ${quote(a.path)})"; fi` : ''}`
  const res = await runSnippet(ctx, body)
  const f = Object.assign({}, ...res.records) as Record<string, string>
  return {
    dstate: parseDstate(decode64(f.list), name),
    current: f.current === undefined ? undefined : decode64(f.current),
    wanted: f.wanted === undefined ? undefined : decode64(f.wanted),
  }
}

export const fleetUnit = defineModule<FleetUnitArgs>({
  name: 'fleet_unit',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 }, // controller.service
      path: { type: 'string', pattern: '^/' }, // the unit file on the host; its basename is the unit name
      state: { enum: ['present', 'started', 'stopped', 'absent'], default: 'started' },
      fleetctl: { type: 'string', default: 'fleetctl' },
      endpoint: { type: 'string' }, // --endpoint (etcd URL); fleetctl's default otherwise
    },
  },
  async run(ctx, a) {
    const fromPath = a.path?.split('/').pop()
    if (a.name && fromPath && a.name !== fromPath) {
      throw new ModuleError(`fleet_unit: name ${a.name} differs from the file name ${fromPath}`, 'fleet names a unit after its file: rename the file or drop name')
    }
    const name = a.name ?? fromPath
    if (!name) throw new ModuleError('fleet_unit: give name or path')
    if (!UNIT_NAME.test(name)) throw new ModuleError(`fleet_unit: ${name} is not a unit name (like controller.service)`)
    if (a.state !== 'absent' && !a.path) throw new ModuleError(`fleet_unit: state=${a.state} needs path (the unit file on the host)`)
    const s = await read(ctx, a, name)
    if (a.state !== 'absent' && s.wanted === undefined) throw new ModuleError(`fleet_unit: ${a.path} does not exist on ${ctx.host}`)
    const steps = fleetPlan(a, name, s)
    const actions = steps.map((w) => `fleetctl ${w.join(' ')}`)
    const data = { name, dstate: s.dstate || 'absent', actions }
    const diff = ctx.diff && !same(s.current, s.wanted) && a.state !== 'absent' ? [{ path: name, before: s.current ?? '', after: s.wanted ?? '' }] : undefined
    if (!steps.length) return ok(`unit ${name} is ${s.dstate || 'absent'}`, data)
    if (ctx.check) return changed(`would run: ${actions.join(', ')}`, data, diff)
    const line = steps.map((w) => `${quoteArgv([...base(a), ...w])} || tp_fail ${quote(`fleetctl ${w[0]} ${name} failed`)}`).join('\n')
    await runSnippet(ctx, line)
    return changed(actions.join(', '), data, diff)
  },
})
