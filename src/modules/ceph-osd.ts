// ceph_osd: take an OSD out of a Ceph cluster by the documented manual procedure, from a host with the
// admin keyring (a monitor):
//   state=out     `ceph osd out N`, then wait until `ceph health` is HEALTH_OK (data moved off it)
//   state=absent  the above, then `ceph osd crush remove osd.N`, `ceph auth del osd.N`, `ceph osd rm N`
// The daemon must be down before crush remove: an OSD still up after the wait fails naming the command
// to stop it (ceph-remove-osd.yml stops it on its host between state=out and state=absent). Each step runs only if its object
// is still there, so a rerun (or a run resumed after a failure) does only what is left. State is read in
// one round trip: osd dump (up/in), osd tree (crush), auth get.
import { ModuleError } from '../errors.js'
import { quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { MARK, decode64, remoteError, runSnippet } from './lib/snippet.js'
import { defineModule, type ModuleContext } from './types.js'

export interface CephOsdArgs {
  id: number
  state: 'out' | 'absent'
  health_timeout: number // seconds to wait for HEALTH_OK
  poll_interval: number
  ceph: string
}

export interface OsdState {
  exists: boolean
  up: boolean
  in: boolean
  crush: boolean
  auth: boolean
}

/** The state of osd.N from `osd dump -f json`, `osd tree -f json` and whether `auth get` succeeded. */
export function osdState(id: number, dump: string, tree: string, auth: boolean): OsdState {
  const osds = (JSON.parse(dump || '{}').osds ?? []) as Array<{ osd: number; up: number; in: number }>
  const nodes = (JSON.parse(tree || '{}').nodes ?? []) as Array<{ id: number; type: string }>
  const o = osds.find((x) => x.osd === id)
  return { exists: Boolean(o), up: o?.up === 1, in: o?.in === 1, crush: nodes.some((n) => n.id === id && n.type === 'osd'), auth }
}

/** The ceph argv words left to run, in the documented order (the HEALTH_OK wait sits after `out`). */
export function osdSteps(id: number, state: CephOsdArgs['state'], s: OsdState): string[][] {
  const steps: string[][] = []
  if (s.in) steps.push(['osd', 'out', String(id)])
  if (state === 'absent') {
    if (s.crush) steps.push(['osd', 'crush', 'remove', `osd.${id}`])
    if (s.auth) steps.push(['auth', 'del', `osd.${id}`])
    if (s.exists) steps.push(['osd', 'rm', String(id)])
  }
  return steps
}

async function read(ctx: ModuleContext, a: CephOsdArgs): Promise<OsdState> {
  const c = quoteArgv([a.ceph])
  const body = `
dump=$(${c} osd dump --format json) || tp_fail "ceph osd dump failed (no admin keyring or no monitor?)"
tree=$(${c} osd tree --format json) || tp_fail "ceph osd tree failed"
if ${c} auth get osd.${a.id} >/dev/null 2>&1; then auth=1; else auth=0; fi
printf '%s dump=%s tree=%s auth=%s\\n' ${MARK} "$(tp_b64 "$dump")" "$(tp_b64 "$tree")" "$auth"`
  const f = (await runSnippet(ctx, body)).records[0] ?? {}
  return osdState(a.id, decode64(f.dump), decode64(f.tree), f.auth === '1')
}

async function ceph(ctx: ModuleContext, a: CephOsdArgs, words: string[]): Promise<string> {
  const res = await ctx.conn.run(quoteArgv([a.ceph, ...words]), { become: ctx.become })
  if (res.rc !== 0) throw new ModuleError(`ceph ${words.join(' ')} failed (rc=${res.rc}): ${remoteError(res)}`)
  return res.stdout + res.stderr
}

async function waitHealthy(ctx: ModuleContext, a: CephOsdArgs): Promise<void> {
  const until = Date.now() + a.health_timeout * 1000
  let last = ''
  for (;;) {
    last = (await ceph(ctx, a, ['health'])).trim()
    if (last.startsWith('HEALTH_OK')) return
    if (Date.now() >= until) break
    await new Promise((r) => setTimeout(r, a.poll_interval * 1000))
  }
  throw new ModuleError(`ceph_osd: cluster not HEALTH_OK after ${a.health_timeout}s with osd.${a.id} out: ${last.split('\n')[0]}`, 'data is still moving: rerun later, or raise health_timeout')
}

export const cephOsd = defineModule<CephOsdArgs>({
  name: 'ceph_osd',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'integer', minimum: 0 },
      state: { enum: ['out', 'absent'], default: 'absent' },
      health_timeout: { type: 'integer', minimum: 0, default: 1800 },
      poll_interval: { type: 'number', minimum: 0, default: 10 },
      ceph: { type: 'string', default: 'ceph' },
    },
  },
  async run(ctx, a) {
    const s = await read(ctx, a)
    const steps = osdSteps(a.id, a.state, s)
    const actions = steps.map((w) => `ceph ${w.join(' ')}`)
    const data = { id: a.id, before: s, actions }
    if (!steps.length) return ok(a.state === 'absent' ? `osd.${a.id} is not in the cluster` : `osd.${a.id} is out`, data)
    if (ctx.check) return changed(`would run: ${actions.join(', ')}`, data)
    const done: string[] = []
    // the documented wait: data migrates off the OSD (HEALTH_OK) before anything else happens to it
    let waited = false
    for (const w of steps) {
      if ((w[0] !== 'osd' || w[1] !== 'out') && !waited) {
        await waitHealthy(ctx, a)
        waited = true
        // the daemon must be down before the OSD leaves crush, auth and the map (`osd rm` refuses otherwise)
        if ((await read(ctx, a)).up) {
          throw new ModuleError(`ceph_osd: osd.${a.id} is still up; ran: ${done.join(', ') || 'nothing'}`, `stop its daemon on its host first (systemctl stop ceph-osd@${a.id})`)
        }
      }
      await ceph(ctx, a, w)
      done.push(`ceph ${w.join(' ')}`)
    }
    if (!waited) await waitHealthy(ctx, a)
    return changed(done.join(', '), data)
  },
})
