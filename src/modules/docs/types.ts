// What `tsplay doc MODULE` shows beside the module's schema (types, defaults, choices, aliases and
// required come from the schema itself): what it does, each argument, and examples.
export interface ModuleDoc {
  /** One line, for `tsplay doc -l`. */
  short: string
  description: string
  /** One description per argument of the schema (a test holds the two together). */
  args: Record<string, string>
  /** Tasks as YAML; `tsplay check` must accept them (a test runs it). */
  examples: string
  notes?: string[]
}

const IGNORED = 'Accepted for compatibility with Ansible; tsplay ignores it.'

/** Arguments many file-writing modules share. */
export const FILE_ARGS = {
  mode: "Permissions of the file, as an octal string ('0644') or symbolic mode (u=rw,g=r,o=r). A YAML number is read as Ansible reads it: quote octal modes.",
  owner: 'User that should own the file (name or uid).',
  group: 'Group that should own the file (name or gid).',
}

export const WRITE_ARGS = {
  backup: 'Keep a timestamped copy of the previous file next to it when the file changes.',
  validate: "Command that must succeed on the new content before it replaces the file; '%s' is the temporary file's path.",
}

export const EDIT_ARGS = {
  ...FILE_ARGS,
  ...WRITE_ARGS,
  path: 'The file to edit, on the host.',
  unsafe_writes: IGNORED,
  attributes: IGNORED,
}

export const HTTP_ARGS = {
  url: 'HTTP, HTTPS or FTP URL, requested from the host with curl.',
  headers: 'Request headers, as a mapping.',
  timeout: 'Seconds before the request is abandoned.',
  url_username: 'User name for HTTP basic authentication.',
  url_password: 'Password for HTTP basic authentication (kept out of the process list: curl reads it from stdin).',
  validate_certs: 'Verify the server certificate (false allows self-signed certificates).',
  force_basic_auth: IGNORED,
  use_proxy: IGNORED,
  http_agent: IGNORED,
}

export { IGNORED }
