// fail: stop this host with a message.
import { failed } from './lib/result.js'
import { defineModule } from './types.js'

export const fail = defineModule<{ msg: string }>({
  name: 'fail',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { msg: { type: 'string', default: 'Failed as requested from task' } },
  },
  async run(_ctx, a) {
    return failed(a.msg)
  },
})
