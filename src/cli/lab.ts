// Placeholder until its issue lands: the verb is wired so help and usage errors already work.
import { defineCommand } from './command.js'
import { ConfigError } from '../errors.js'

export default defineCommand({
  name: 'lab',
  summary: 'not implemented yet',
  usage: 'tsplay lab [options]',
  options: [],
  async run() {
    throw new ConfigError("'tsplay lab' is not implemented yet")
  },
})
