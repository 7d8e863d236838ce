// etcd_member: list, add, remove and garbage-collect members of an etcd v3 cluster with etcdctl.
//   state=list                       members only (never changes anything)
//   state=present name= peer_urls=   `member add` unless a member has that name or peer URL
//   state=absent  name=|peer_urls=   `member remove` if such a member exists
//   state=pruned  losts_file=        remove members unreachable now and at the previous pass; remember
//                                    the ones unreachable for the first time in losts_file
// Runs etcdctl on the task's host (a member, or any host that reaches `endpoints`).
import { ModuleError } from '../errors.js'
import { quote, sh } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { findMember, gcDecision, initialCluster, parseLosts, parseMemberList, type EtcdMember } from './lib/etcd-members.js'
import { defineModule, type ModuleContext } from './types.js'

export interface EtcdMemberArgs {
  state: 'list' | 'present' | 'absent' | 'pruned'
  name?: string
  peer_urls?: string | string[]
  endpoints?: string | string[]
  etcdctl: string
  losts_file: string
  timeout: number
}

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : (v ?? '').split(',')).map((s) => s.trim()).filter(Boolean)

function etcdctl(a: EtcdMemberArgs, ...words: string[]): string {
  const endpoints = list(a.endpoints)
  const flags = endpoints.length ? [`--endpoints=${endpoints.join(',')}`] : []
  return [a.etcdctl, ...flags, `--dial-timeout=${a.timeout}s`, `--command-timeout=${a.timeout}s`, ...words].map(quote).join(' ')
}

async function run(ctx: ModuleContext, line: string, what: string): Promise<string> {
  const res = await ctx.conn.run(line, { become: ctx.become })
  if (res.rc !== 0) throw new ModuleError(`etcdctl ${what} failed (rc=${res.rc}): ${res.stderr.trim().split('\n').slice(-2).join(' / ')}`)
  return res.stdout
}

async function members(ctx: ModuleContext, a: EtcdMemberArgs): Promise<EtcdMember[]> {
  return parseMemberList(await run(ctx, etcdctl(a, 'member', 'list', '-w', 'simple'), 'member list'))
}

/** One round trip: each member's health by its own client URL, and the losts file. */
async function probe(ctx: ModuleContext, a: EtcdMemberArgs, all: EtcdMember[]): Promise<{ down: Set<string>; previous: Set<string> }> {
  const lines = all.map((m) =>
    m.client_urls.length
      ? `if ${etcdctl({ ...a, endpoints: m.client_urls }, 'endpoint', 'health')} >/dev/null 2>&1; then echo up ${m.id}; else echo down ${m.id}; fi`
      : `echo down ${m.id}`,
  )
  const out = await run(ctx, [...lines, 'echo ---', sh`cat ${a.losts_file} 2>/dev/null || true`].join('\n'), 'endpoint health')
  const [health, losts = ''] = out.split('---\n')
  const down = new Set(health.split('\n').filter((l) => l.startsWith('down ')).map((l) => l.slice(5)))
  return { down, previous: parseLosts(losts) }
}

export const etcdMember = defineModule<EtcdMemberArgs>({
  name: 'etcd_member',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      state: { enum: ['list', 'present', 'absent', 'pruned'], default: 'present' },
      name: { type: 'string', minLength: 1 },
      peer_urls: { type: ['string', 'array'], items: { type: 'string' } },
      endpoints: { type: ['string', 'array'], items: { type: 'string' } },
      etcdctl: { type: 'string', default: 'etcdctl' },
      losts_file: { type: 'string', default: '/var/lib/etcd/losts' },
      timeout: { type: 'integer', minimum: 1, default: 3 },
    },
  },
  async run(ctx, a) {
    const peers = list(a.peer_urls)
    if (a.state === 'present' && (!a.name || !peers.length)) throw new ModuleError('etcd_member: state=present needs name and peer_urls')
    if (a.state === 'absent' && !a.name && !peers.length) throw new ModuleError('etcd_member: state=absent needs name or peer_urls')
    const before = await members(ctx, a)
    if (a.state === 'list') return ok(`${before.length} members`, { members: before })

    if (a.state === 'present') {
      const found = findMember(before, a.name, peers)
      const data = (all: EtcdMember[]) => ({ members: all, initial_cluster: initialCluster(all, a.name as string, peers) })
      if (found) return ok(`member ${a.name} is ${found.status} (${found.id})`, data(before))
      if (ctx.check) return changed(`would add member ${a.name}`, data(before))
      await run(ctx, etcdctl(a, 'member', 'add', a.name as string, `--peer-urls=${peers.join(',')}`), 'member add')
      return changed(`added member ${a.name}`, data(await members(ctx, a)))
    }

    if (a.state === 'absent') {
      const found = findMember(before, a.name, peers)
      if (!found) return ok(`no member ${a.name ?? peers.join(',')}`, { members: before })
      if (ctx.check) return changed(`would remove member ${found.name || found.id}`, { members: before })
      await run(ctx, etcdctl(a, 'member', 'remove', found.id), 'member remove')
      return changed(`removed member ${found.name || found.id} (${found.id})`, { members: await members(ctx, a), removed: [found] })
    }

    const { down, previous } = await probe(ctx, a, before)
    const decision = gcDecision(before, down, previous)
    const lostLines = before.filter((m) => decision.losts.includes(m.id)).map((m) => `${m.id} ${m.name}\n`).join('')
    const sameLosts = decision.losts.length === previous.size && decision.losts.every((id) => previous.has(id))
    const lost = before.filter((m) => decision.losts.includes(m.id)).map((m) => m.name || m.id)
    const data = { members: before, removed: decision.remove, lost }
    if (!decision.remove.length && sameLosts) return ok('every member is reachable', data)
    const msg = decision.remove.length ? `removed ${decision.remove.map((m) => m.name || m.id).join(', ')}` : `unreachable once: ${lost.join(', ') || 'none'}`
    if (ctx.check) return changed(`(check) ${msg}`, data)
    for (const m of decision.remove) await run(ctx, etcdctl(a, 'member', 'remove', m.id), 'member remove')
    await ctx.conn.put(lostLines, a.losts_file, { mode: '0644', become: ctx.become })
    return changed(msg, { ...data, members: decision.remove.length ? await members(ctx, a) : before })
  },
})
