// service: start/stop/restart/reload and enable at boot, through systemd or sysv init.
import { ensureService, type ServiceArgs } from './lib/service-core.js'
import { defineModule } from './types.js'

export const serviceProps = {
  name: { type: 'string', aliases: ['service', 'unit'] },
  state: { enum: ['started', 'stopped', 'restarted', 'reloaded'] },
  enabled: { type: 'boolean' },
} as const

export const service = defineModule<ServiceArgs>({
  name: 'service',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      ...serviceProps,
      pattern: { type: 'string' },
      sleep: { type: 'integer', minimum: 0 },
      arguments: { type: 'string', aliases: ['args'] },
      runlevel: { type: 'string' },
      use: { type: 'string' },
    },
  },
  run: (ctx, a) => ensureService(ctx, a, 'service'),
})
