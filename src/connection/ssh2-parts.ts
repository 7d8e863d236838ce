// The parts of ssh2 tsplay uses, required from the files that hold them: the package's index also loads its
// server, key generator and HTTP agents, and node's http and https with them (~10 ms of every start).
import Client from 'ssh2/lib/client.js'
import { parseKey } from 'ssh2/lib/protocol/keyParser.js'

export { Client, parseKey }
