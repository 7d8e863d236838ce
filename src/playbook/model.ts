// The loaded playbook: what load.ts produces and the executor consumes.
//
// Keyword fields keep their Ansible names (`changed_when`, `loop_control`, …) so the YAML and the model
// read the same; fields tsplay adds are camelCase (`kind`, `action`, `pos`, `keyPos`, `baseDir`, `role`).
// Values are NOT templated here: strings may hold `{{ … }}`; the executor renders them per host with
// src/template. Normalisation done at load time:
//   - `yes`/`no`/`true`/`on`… literal strings → booleans (templates stay strings)
//   - `when`/`changed_when`/`failed_when`/`until` → a list of conditions (all must hold)
//   - `tags`, `notify`, `listen` → string lists (a comma-separated `tags` string is split)
//   - module call → `action` (FQCN `ansible.builtin.` stripped) + `args`; `local_action` → delegate_to localhost
//   - `with_<kind>:` → `loop` + `loop_with: kind`; `import_tasks`/`import_playbook` resolved away
//   - role tasks → one Block per role invocation carrying the role (defaults, vars, params, paths)
import type { SourcePosition } from '../errors.js'

/** A boolean keyword: a literal, or a template string to render per host. */
export type Flag = boolean | string

/** A condition as written (see src/template/condition.ts): a Handlebars expression, or a literal. */
export type Condition = string | boolean | number

export type Vars = Record<string, unknown>

export interface Located {
  /** Where the task/block/play/role entry starts. */
  pos: SourcePosition
  /** Where each keyword is written: use for errors about one key (`keyPos.when`). */
  keyPos: Record<string, SourcePosition>
  /**
   * Where each scalar value's text starts (`valuePos.when`, `valuePos['args.dest']`): template errors add
   * the line and column inside the text to it.
   */
  valuePos: Record<string, SourcePosition>
}

/** Keywords shared by plays, blocks, role invocations and tasks (inherited downwards by the executor). */
export interface CommonKeywords {
  name?: string
  when: Condition[]
  tags: string[]
  vars: Vars
  environment?: Record<string, unknown> | string
  become?: Flag
  become_user?: string
  become_method?: string
  ignore_errors?: Flag
  ignore_unreachable?: Flag
  delegate_to?: string
  run_once?: Flag
  /** With delegate_to: the facts the task sets go to the delegated host, not the task's host. */
  delegate_facts?: Flag
  no_log?: Flag
  check_mode?: Flag
  diff?: Flag
  any_errors_fatal?: Flag
  remote_user?: string
  connection?: string
  /** At most this many hosts run each task at once (a number or a template). */
  throttle?: number | string
  /** Seconds a task may take before it fails (0: no limit). */
  timeout?: number | string
  /** `module_defaults`: per module (short name), the arguments a task of it gets unless it gives them; values may be templates. */
  module_defaults?: Record<string, unknown>[]
}

export interface VarPrompt {
  name: string
  prompt?: string
  default?: unknown
  private?: Flag
  confirm?: Flag
  encrypt?: string
  salt?: string
  salt_size?: number
  unsafe?: Flag
}

export interface LoopControl {
  loop_var?: string // default 'item'
  index_var?: string
  label?: string
  pause?: number | string
  extended?: Flag
}

/** `with_<name>`: the lookup plugin the loop runs (items, dict, sequence, subelements, fileglob, …). */
export type LoopWith = string

export interface Task extends CommonKeywords, Located {
  kind: 'task'
  /**
   * The module name (or an engine action, see ENGINE_ACTIONS): 'command', 'copy', 'include_tasks', …
   * FQCNs are stripped to the short name.
   */
  action: string
  /** The module's arguments. Free-form text goes to the module's `freeForm` arg (`_raw_params` if none). */
  args: Vars
  /** `args: "{{ some_dict }}"`: a template that renders to more arguments (merged under `args`). */
  argsTemplate?: string
  /** A handler written inside blocks (or a static import): those blocks, outermost first; their keywords apply. */
  parents?: Block[]
  /** Arguments Ansible's parser accepts but its action refuses when it runs (add_host with free text): the failure. */
  invalidArgs?: string
  loop?: unknown // a list or a template string
  loop_with?: LoopWith
  loop_control?: LoopControl
  register?: string
  changed_when?: Condition[]
  failed_when?: Condition[]
  until?: Condition[]
  retries?: number | string
  delay?: number | string
  /** async: seconds the task may run as a job; poll: seconds between checks (0: do not wait). */
  async?: number | string
  poll?: number | string
  notify: string[]
  /** Handlers only: the topics this handler also answers to (besides its name). */
  listen: string[]
  /** Directory relative paths in args resolve against (the task file's directory). */
  baseDir: string
  /** Set on tasks that come from a role. */
  role?: RoleScope
  /** include_role's `apply:`: keywords for every task of the included role (the include's own apply only to it). */
  apply?: CommonKeywords & Located
}

export type Handler = Task

export interface Block extends CommonKeywords, Located {
  kind: 'block'
  /** The old `include:`'s own vars, statically loaded: include params for the tasks inside. */
  includeParams?: Vars
  block: TaskNode[]
  rescue: TaskNode[]
  always: TaskNode[]
  notify: string[]
  /** Set on the block that wraps a role's tasks (and everything inside inherits it). */
  role?: RoleScope
  /** Set when this block stands for an `import_tasks: FILE` (its keywords apply to every task). */
  imported?: string
}

export type TaskNode = Task | Block

/** Engine actions the executor handles itself (not modules). */
export const ENGINE_ACTIONS = {
  /** args.file: task file loaded at run time with `loadTaskFile` (relative to task.baseDir). */
  include_tasks: 'include_tasks',
  /** args.file | args.dir, optional args.name: vars loaded with `loadVarsFile` at run time. */
  include_vars: 'include_vars',
  /** args.action: 'flush_handlers' | 'noop' | 'end_play' | 'end_host' | 'clear_facts' | 'refresh_inventory'. */
  meta: 'meta',
  /** args.name (a role), tasks_from, vars_from, defaults_from, handlers_from, public, allow_duplicates; task.apply. */
  include_role: 'include_role',
} as const

/** What a role's tasks and handlers need at run time. */
export interface RoleScope {
  name: string
  /** The role directory. */
  path: string
  /** defaults/main.yml: the lowest variable precedence. */
  defaults: Vars
  /** vars/main.yml: above play vars. */
  vars: Vars
  /** Role params given where the role is used (`- role: x` + `port: 1`): high precedence. */
  params: Vars
  /** Where `src:` of copy/template/script resolve, in order: files/, templates/, tasks/, the role dir. */
  searchPaths: string[]
}

export interface RoleMeta {
  dependencies: RoleRef[]
  allow_duplicates: boolean
}

/** A role as loaded from disk (shared by every invocation; its tasks are in each RoleInvocation.block). */
export interface Role {
  name: string
  path: string
  defaults: Vars
  vars: Vars
  meta: RoleMeta
}

/** A role as written in `roles:` or meta `dependencies:`, before loading. */
export interface RoleRef extends CommonKeywords, Located {
  role: string
  params: Vars
}

/** One use of a role in a play (dependencies come first, as their own invocations). */
export interface RoleInvocation {
  role: Role
  ref: RoleRef
  /** The role's tasks wrapped in a block carrying the ref's keywords and `role` scope: run this. */
  block: Block
  /** The role that pulled this one in through meta dependencies, if any. */
  dependencyOf?: string
}

export interface VarsFile {
  /** As written (may be a template: render per host, then `loadVarsFile`). */
  path: string
  /** Already loaded when the path is static. */
  vars?: Vars
  pos: SourcePosition
}

export interface Play extends CommonKeywords, Located {
  kind: 'play'
  /** Host pattern; a YAML list is joined with ','. */
  hosts: string
  /** Absent: the configured gathering decides (Ansible's implicit: gather). */
  gather_facts?: Flag
  /** The implicit fact gathering's setup arguments, as written (may be templates). */
  gather_subset?: string | string[]
  gather_timeout?: number | string
  fact_path?: string
  /** Batch sizes: numbers, 'N%' strings; empty = all hosts at once. */
  serial: (number | string)[]
  /** 'linear' | 'free' | a template; absent: the configured default strategy. */
  strategy?: string
  /** Questions asked before the play runs, unless -e answers them (each a mapping: name, prompt, default, private…). */
  vars_prompt?: VarPrompt[]
  /** The order hosts run in: inventory (default), reverse_inventory, sorted, reverse_sorted, shuffle, or a template. */
  order?: string
  max_fail_percentage?: number | string
  force_handlers?: Flag
  vars_files: VarsFile[]
  /**
   * Roles whose vars and defaults every task of the play sees besides those under `roles:`: the ones
   * import_role brought in at load, and include_role's with `public: true` once they ran.
   */
  publicRoles: Role[]
  pre_tasks: TaskNode[]
  roles: RoleInvocation[]
  tasks: TaskNode[]
  post_tasks: TaskNode[]
  /** Role handlers first, then the play's own (Ansible's order). */
  handlers: Handler[]
  /** Directory of the playbook file that holds this play. */
  baseDir: string
  file: string
}

export interface Playbook {
  file: string
  /** The plays in order, import_playbook entries expanded in place. */
  plays: Play[]
}
