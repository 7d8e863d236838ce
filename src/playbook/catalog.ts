// The module names the loader recognises, given by the caller so the loader does not import the
// module registry (src/modules/index.ts exports `modules`; pass it, or a list of names).
import { ENGINE_ACTIONS } from './model.js'

export interface ModuleInfo {
  /** The arg that free-form text fills (`command: echo hi` → { [freeForm]: 'echo hi' }). */
  freeForm?: string
  schema?: Record<string, unknown>
  /** Runs on the controller only: its arguments never reach a shell. */
  local?: boolean
}

/** `modules` from src/modules/index.ts, a map of ModuleInfo, or just names. */
export type ModuleCatalog = Iterable<string> | Record<string, ModuleInfo>

const FQCN_PREFIXES = ['ansible.builtin.', 'ansible.legacy.']

// Collection modules tsplay implements under their short name (the collections' own FQCNs)
const COLLECTION_MODULES: Record<string, string> = {
  'ansible.posix.authorized_key': 'authorized_key',
  'ansible.posix.sysctl': 'sysctl',
  'ansible.posix.mount': 'mount',
  'community.docker.docker_container': 'docker_container',
  'community.docker.docker_image': 'docker_image',
  'community.general.docker_container': 'docker_container',
  'community.general.docker_image': 'docker_image',
  'community.general.timezone': 'timezone',
  'gluster.gluster.gluster_volume': 'gluster_volume',
  'community.general.gluster_volume': 'gluster_volume',
}

/** `ansible.builtin.copy` → `copy`; `ansible.posix.sysctl` → `sysctl` (collection modules tsplay implements). */
export function shortName(name: string): string {
  for (const prefix of FQCN_PREFIXES) if (name.startsWith(prefix)) return name.slice(prefix.length)
  return COLLECTION_MODULES[name] ?? name
}

// ansible-core 2.14's own modules that tsplay does not implement. A task using one loads (a play may hold
// it behind a `when` that never holds on these hosts, e.g. yum on Debian) and fails when it runs.
const CORE_ONLY = new Set([
  'assemble', 'debconf', 'dnf', 'dpkg_selections', 'expect', 'iptables', 'rpm_key', 'subversion', 'systemd_service', 'sysvinit',
  'yum', 'yum_repository', 'set_stats', 'validate_argument_spec',
])

/** Why a task using `name` fails when it runs, when it is an ansible-core module tsplay lacks. */
export function coreOnly(name: string): string | undefined {
  const short = shortName(name)
  return CORE_ONLY.has(short) ? `module '${short}' of ansible-core is not implemented by tsplay` : undefined
}

// Modules whose string argument is a command line (Ansible's FREEFORM_ACTIONS): only known options are
// taken out of it as k=v. Used when the catalog does not say.
const COMMAND_LIKE = new Set(['command', 'shell', 'raw', 'script'])

export class Catalog {
  private readonly known?: Map<string, ModuleInfo>

  constructor(modules?: ModuleCatalog) {
    if (modules === undefined) return
    this.known = new Map()
    if (Symbol.iterator in Object(modules)) for (const name of modules as Iterable<string>) this.known.set(name, {})
    else for (const [name, info] of Object.entries(modules as Record<string, ModuleInfo>)) this.known.set(name, info ?? {})
  }

  /** Without a catalog every non-keyword key is taken as a module name. */
  get complete(): boolean {
    return this.known !== undefined
  }

  isEngineAction(name: string): boolean {
    return shortName(name) in ENGINE_ACTIONS
  }

  has(name: string): boolean {
    const short = shortName(name)
    return this.isEngineAction(short) || this.known === undefined || this.known.has(short)
  }

  names(): string[] {
    return [...(this.known?.keys() ?? []), ...Object.keys(ENGINE_ACTIONS)]
  }

  info(name: string): ModuleInfo | undefined {
    return this.known?.get(shortName(name))
  }

  /** Whether free text in a string argument is a command line (only FREE_FORM_KEYS are options). */
  commandLike(name: string): boolean {
    const short = shortName(name)
    return COMMAND_LIKE.has(short)
  }

  /** The arg free-form text goes to, or undefined when the module takes none. */
  freeFormArg(name: string): string | undefined {
    const short = shortName(name)
    if (short === 'include_tasks' || short === 'import_tasks' || short === 'include_vars') return 'file'
    if (short === 'meta') return 'action'
    const declared = this.info(short)?.freeForm
    if (declared) return declared
    return COMMAND_LIKE.has(short) || (!this.complete && !short.includes('.')) ? '_raw_params' : undefined
  }
}
