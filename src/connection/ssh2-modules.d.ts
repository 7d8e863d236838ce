// ssh2's Client and key parser from the files that hold them (ssh2-parts.ts says why); typed as the package
// types them.
declare module 'ssh2/lib/client.js' {
  import type { Client } from 'ssh2'
  const ClientClass: typeof Client
  export = ClientClass
}
declare module 'ssh2/lib/protocol/keyParser.js' {
  import type { utils } from 'ssh2'
  export const parseKey: typeof utils.parseKey
}
