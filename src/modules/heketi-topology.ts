// heketi_topology: write heketi's topology JSON for the hosts of a group (devices from their
// disk_volume_device_N vars) to `dest` on the task's host, and `heketi-cli topology load` it when it
// changed (load=true). The file is written with copy's logic: one round trip when nothing differs.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { ensureFile } from './lib/ensure-file.js'
import { heketiTopology } from './lib/heketi.js'
import { defineModule } from './types.js'

export interface HeketiTopologyArgs {
  group: string
  dest: string
  zone: number
  load: boolean
  server?: string
}

export const heketiTopologyModule = defineModule<HeketiTopologyArgs>({
  name: 'heketi_topology',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      group: { type: 'string', default: 'gfs-cluster' },
      dest: { type: 'string', default: '/etc/heketi/topology.json' },
      zone: { type: 'integer', minimum: 1, default: 1 },
      load: { type: 'boolean', default: false },
      server: { type: 'string' }, // heketi-cli --server URL
    },
  },
  async run(ctx, a) {
    const groups = (ctx.vars.groups ?? {}) as Record<string, string[]>
    const hostvars = (ctx.vars.hostvars ?? {}) as Record<string, Record<string, unknown>>
    const names = groups[a.group]
    if (!names?.length) throw new ModuleError(`heketi_topology: group '${a.group}' has no hosts`)
    let topology: object
    try {
      topology = heketiTopology(names.map((name) => ({ name, vars: hostvars[name] ?? {} })), a.zone)
    } catch (error) {
      throw new ModuleError(`heketi_topology: ${(error as Error).message}`, 'set disk_volume_device_1=/dev/sdX on each host of the group')
    }
    const result = await ensureFile(ctx, { dest: a.dest, content: Buffer.from(JSON.stringify(topology, null, 2) + '\n'), mode: '0644' })
    result.data = { ...result.data, topology }
    if (!a.load || result.status !== 'changed' || ctx.check) return result
    const server = a.server ? `--server ${quote(a.server)} ` : ''
    const res = await ctx.conn.run(`heketi-cli ${server}topology load --json=${quote(a.dest)}`, { become: ctx.become })
    if (res.rc !== 0) throw new ModuleError(`heketi-cli topology load failed (rc=${res.rc}): ${(res.stderr || res.stdout).trim().split('\n').slice(-2).join(' / ')}`)
    return { ...result, msg: `${result.msg ?? 'written'}; loaded`, data: { ...result.data, load_output: res.stdout.trim() } }
  },
})
