// async_status: where an async task of this run is (finished 0/1) and, once done, its result.
import { ModuleError } from '../errors.js'
import { defineModule } from './types.js'

export const asyncStatus = defineModule<{ jid: string; mode: 'status' | 'cleanup' }>({
  name: 'async_status',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['jid'],
    properties: { jid: { type: 'string' }, mode: { enum: ['status', 'cleanup'], default: 'status' }, _async_dir: { type: 'string' } },
  },
  async run(ctx, a) {
    if (!ctx.asyncJobs) throw new ModuleError('async_status: no async jobs in this run')
    return ctx.asyncJobs.status(a.jid, a.mode)
  },
})
