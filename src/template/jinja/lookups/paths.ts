// Where controller-side files are found: Ansible's path_dwim_relative_stack over the search path
// (role dirs, the playbook dir): for each base, base/<subdir>/name then base/name.
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'

/** Controller-side context for lookup() and include: given by the executor. */
export interface LookupContext {
  /** ansible_search_path: the role's dir(s), then the play's dir; `files/` and `templates/` are tried under each. */
  searchPaths?: string[]
  /** The playbook's directory (the base when no search path is given). */
  playbookDir?: string
  /** The environment the env lookup reads (process.env when absent). */
  env?: Record<string, string | undefined>
  /** Decrypts a vault-encrypted file's text (file/unvault lookups). */
  vaultDecrypt?: (text: string, file: string) => Buffer
  /** Where warnings go (errors='warn'); nowhere when absent. */
  warn?: (message: string) => void
}

export function searchBases(ctx: LookupContext | undefined): string[] {
  const bases = ctx?.searchPaths?.length ? ctx.searchPaths : [ctx?.playbookDir ?? process.cwd()]
  return bases.map((b) => resolve(b))
}

/** The first existing `base/subdir/name` or `base/name`; undefined when none exists. */
export function findFile(name: string, subdir: string, ctx: LookupContext | undefined): string | undefined {
  if (isAbsolute(name)) return existsSync(name) ? name : undefined
  for (const base of searchBases(ctx)) {
    for (const p of [join(base, subdir, name), join(base, name)]) if (existsSync(p)) return p
  }
  return undefined
}

/** A template for include/import: relative to the including template first, then the search path. */
export function findTemplateFile(name: string, ctx: LookupContext | undefined, from?: string): string | undefined {
  if (from && !isAbsolute(name)) {
    const p = join(dirname(from), name)
    if (existsSync(p)) return p
  }
  return findFile(name, 'templates', ctx)
}
