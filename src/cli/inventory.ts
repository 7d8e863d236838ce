// Placeholder until its issue lands: the verb is wired so help and usage errors already work.
import { defineCommand } from './command.js'
import { ConfigError } from '../errors.js'

export default defineCommand({
  name: 'inventory',
  summary: 'not implemented yet',
  usage: 'tsplay inventory [options]',
  options: [],
  async run() {
    throw new ConfigError("'tsplay inventory' is not implemented yet")
  },
})
