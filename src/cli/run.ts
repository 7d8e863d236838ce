// Placeholder until its issue lands: the verb is wired so help and usage errors already work.
import { defineCommand } from './command.js'
import { ConfigError } from '../errors.js'

export default defineCommand({
  name: 'run',
  summary: 'not implemented yet',
  usage: 'tsplay run [options]',
  options: [],
  async run() {
    throw new ConfigError("'tsplay run' is not implemented yet")
  },
})
