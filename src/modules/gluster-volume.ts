// gluster_volume: a GlusterFS volume from the host it runs on — peers probed into the trusted pool,
// the volume created (replica N over the bricks) and started. Reads pool and volume in one round trip;
// changes only what is missing. `brick_dir` with `peers` means one brick per peer at that path. state=stopped stops it, state=absent stops and deletes it (bricks'
// data stays on disk, as gluster does).
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { parsePoolList, parseVolumeInfo } from './lib/gluster.js'
import { changed, ok } from './lib/result.js'
import { defineModule, type ModuleContext } from './types.js'

export interface GlusterVolumeArgs {
  name: string
  state: 'present' | 'started' | 'stopped' | 'absent'
  bricks?: string[]
  brick_dir?: string
  replica?: number
  peers: string[]
  force: boolean
}

const SEP = '__TSPLAY_GLUSTER__'
const NO_DAEMON = 3

async function gluster(ctx: ModuleContext, words: string[], what: string): Promise<string> {
  // --mode=script: no y/n prompts (volume stop/delete ask for confirmation otherwise)
  const res = await ctx.conn.run(`gluster --mode=script ${quoteArgv(words)}`, { become: ctx.become })
  if (res.rc !== 0) throw new ModuleError(`gluster ${what} failed (rc=${res.rc}): ${(res.stderr || res.stdout).trim().split('\n').slice(-2).join(' / ')}`)
  return res.stdout
}

export const glusterVolume = defineModule<GlusterVolumeArgs>({
  name: 'gluster_volume',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
      state: { enum: ['present', 'started', 'stopped', 'absent'], default: 'started' },
      bricks: { type: 'array', items: { type: 'string', pattern: '^[^:]+:/.+' }, minItems: 1 },
      brick_dir: { type: 'string', pattern: '^/' }, // with peers: one brick per peer, at this path
      replica: { type: 'integer', minimum: 2 },
      peers: { type: 'array', items: { type: 'string' }, default: [] },
      force: { type: 'boolean', default: false },
    },
  },
  async run(ctx, a) {
    if (a.bricks && a.brick_dir) throw new ModuleError('gluster_volume: give bricks or brick_dir, not both')
    if (a.brick_dir) a = { ...a, bricks: a.peers.map((p) => `${p}:${a.brick_dir}`) }
    if ((a.state === 'present' || a.state === 'started') && !a.bricks) throw new ModuleError(`gluster_volume: state=${a.state} needs bricks`)
    if (a.replica && a.bricks && a.bricks.length % a.replica !== 0) {
      throw new ModuleError(`gluster_volume: ${a.bricks.length} bricks do not divide into replica ${a.replica} sets`)
    }
    // no glusterd, no gluster CLI: the CLI writes its log, a geo-replication template and Python caches
    // even when it only reads, and would only say 'Connection failed'
    const read = await ctx.conn.run(
      `[ -S /run/glusterd.socket ] || [ -S /var/run/glusterd.socket ] || exit ${NO_DAEMON}; gluster pool list || exit 1; echo ${SEP}; hostname; hostname -I 2>/dev/null; echo ${SEP}; gluster volume info ${quote(a.name)} 2>/dev/null || true`,
      { become: ctx.become },
    )
    if (read.rc === NO_DAEMON) {
      if (ctx.afterPredictedChanges) return changed(`volume ${a.name} would be made ${a.state} (glusterd is not running yet: assumed started by an earlier task)`, { name: a.name })
      throw new ModuleError('glusterd is not running on this host (no /run/glusterd.socket)', 'start it first, e.g. service: name=glusterd state=started')
    }
    if (read.rc !== 0) throw new ModuleError(`gluster pool list failed: ${read.stderr.trim() || 'is glusterd running?'}`)
    const [poolText, selfText = '', infoText = ''] = read.stdout.split(`${SEP}\n`)
    // probing the node itself succeeds without changing anything: never count it as a change
    const self = new Set(['localhost', ...selfText.split(/\s+/).filter(Boolean)])
    const pool = [...parsePoolList(poolText), ...self]
    const info = parseVolumeInfo(infoText)
    const todo: Array<{ words: string[]; what: string }> = []
    if (a.state === 'absent' || a.state === 'stopped') {
      if (info?.status === 'Started') todo.push({ words: ['volume', 'stop', a.name], what: 'volume stop' })
      if (info && a.state === 'absent') todo.push({ words: ['volume', 'delete', a.name], what: 'volume delete' })
    } else {
      for (const peer of a.peers) if (!pool.includes(peer)) todo.push({ words: ['peer', 'probe', peer], what: `peer probe ${peer}` })
      if (!info) {
        const replica = a.replica ? ['replica', String(a.replica)] : []
        todo.push({ words: ['volume', 'create', a.name, ...replica, ...(a.bricks ?? []), ...(a.force ? ['force'] : [])], what: 'volume create' })
      } else if (a.bricks && info.bricks.join(' ') !== a.bricks.join(' ')) {
        throw new ModuleError(`gluster_volume: volume ${a.name} exists with bricks ${info.bricks.join(' ')}, not ${a.bricks.join(' ')}`, 'add or replace bricks by hand; this module does not move data')
      }
      if (a.state === 'started' && info?.status !== 'Started') todo.push({ words: ['volume', 'start', a.name], what: 'volume start' })
    }
    const data = { name: a.name, status: info?.status ?? 'absent', bricks: info?.bricks ?? [], pool, actions: todo.map((t) => t.what) }
    if (!todo.length) return ok(`volume ${a.name} is ${info?.status.toLowerCase() ?? 'absent'}`, data)
    if (ctx.check) return changed(`would run: ${data.actions.join(', ')}`, data)
    for (const t of todo) {
      // a freshly probed peer needs a moment before it can hold a brick
      if (t.words[1] === 'create') await waitForPeers(ctx, a.peers)
      await gluster(ctx, t.words, t.what)
    }
    return changed(data.actions.join(', '), data)
  },
})

async function waitForPeers(ctx: ModuleContext, peers: string[]): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const text = await gluster(ctx, ['pool', 'list'], 'pool list')
    const connected = text.split('\n').filter((l) => /\bConnected\b/.test(l)).map((l) => l.trim().split(/\s+/)[1])
    if (peers.every((p) => connected.includes(p) || p === 'localhost')) return
    await new Promise((r) => setTimeout(r, 500))
  }
}
