// systemd: Ansible's systemd module. On hosts where PID 1 is not systemd (lab hosts) it falls back to
// sysv init like `service`, so roles written for systemd hosts still run there.
import { ModuleError } from '../errors.js'
import { ensureService, type ServiceArgs } from './lib/service-core.js'
import { serviceProps } from './service.js'
import { defineModule } from './types.js'

export const systemd = defineModule<ServiceArgs>({
  name: 'systemd',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...serviceProps,
      daemon_reload: { type: 'boolean', default: false, aliases: ['daemon-reload'] },
      daemon_reexec: { type: 'boolean' },
      masked: { type: 'boolean' },
      scope: { enum: ['system', 'user', 'global'] },
      no_block: { type: 'boolean' },
      force: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    if (a.masked !== undefined) throw new ModuleError('systemd: masked is not supported yet')
    if (!a.name) {
      if (!a.daemon_reload) throw new ModuleError("systemd: 'name' is required unless daemon_reload=yes")
      const reload = ctx.check ? 'true' : 'systemctl daemon-reload'
      const r = await ctx.conn.run(`[ "$(cat /proc/1/comm)" = systemd ] && ${reload}`, { become: ctx.become })
      if (r.rc !== 0) return { status: 'ok', msg: 'not a systemd host: nothing to reload', data: {} }
      return { status: 'changed', msg: 'daemon reloaded', data: {} }
    }
    return ensureService(ctx, a, 'systemd')
  },
})
