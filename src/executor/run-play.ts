// One play: its hosts (pattern ∩ --limit, minus hosts lost in earlier plays), serial batches,
// fact gathering, pre_tasks → roles + tasks → post_tasks with handler flushes, linear or free.
import pLimit from 'p-limit'
import { ConfigError } from '../errors.js'
import { DEFAULT_FACT_PATH } from '../facts/gather.js'
import { subsetList } from '../facts/subsets.js'
import type { Play, Task, Vars } from '../playbook/model.js'
import { shortName } from '../playbook/catalog.js'
import { render } from '../template/index.js'
import { flagValue } from './invoke.js'
import { batches, ordered } from './batches.js'
import { playScope } from './scope.js'
import type { RunState } from './run-state.js'
import { isActive, type HostState, type PlayContext, type RunOptions } from './types.js'
import { promptedVars } from './vars-prompt.js'
import { Walker } from './walk.js'

// Ansible's strategies as tsplay runs them: host_pinned is free (hosts never wait for each other; forks
// bound how many run at once), debug is linear (its debugger needs a terminal session tsplay does not open).
const STRATEGIES: Record<string, 'linear' | 'free'> = { linear: 'linear', free: 'free', host_pinned: 'free', debug: 'linear' }

/** Runs one play; returns false when the playbook must stop (a whole batch failed, as in Ansible). */

export async function runPlay(asWritten: Play, run: RunState): Promise<boolean> {
  const { options } = run
  const answers = await promptedVars(asWritten, options.extraVars, options.prompt, options.addSecret) // play vars, as in Ansible
  const play = Object.keys(answers).length ? { ...asWritten, vars: { ...asWritten.vars, ...answers } } : asWritten
  const varsFiles = await loadVarsFiles(play, run)
  const playVars = Object.assign({}, play.vars, ...varsFiles, options.extraVars)
  const pattern = render(play.hosts, playVars, { where: play.keyPos.hosts ?? play.pos })
  // the implicit localhost is in no group, so not in hostNames(): a play naming it runs on it
  const selected = options.limit ? new Set(options.inventory.select(options.limit)) : undefined
  const playHosts = options.inventory.select(pattern).filter((h) => (!selected || selected.has(h)) && !run.lost(h))
  const name = play.name === undefined ? pattern : render(play.name, playVars)
  const info = { name, hosts: playHosts, file: play.pos.file, line: play.pos.line }
  options.reporter.onPlayStart(info)
  if (!playHosts.length) {
    const mismatch = options.hostPatternMismatch ?? 'warning'
    if (mismatch === 'error') throw new ConfigError(`Could not match supplied host pattern: ${pattern}`, play.keyPos.hosts ?? play.pos, 'host_pattern_mismatch is error')
    if (mismatch === 'warning') options.reporter.onWarning(`no hosts matched '${pattern}'${options.limit ? ` with --limit '${options.limit}'` : ''}, skipping the play`)
    return true
  }
  const scope = playScope(play)
  const strategy = STRATEGIES[shortName(render(play.strategy ?? options.strategy ?? 'linear', playVars))]
  if (!strategy) throw new ConfigError(`strategy '${play.strategy ?? options.strategy}' is not supported`, play.keyPos.strategy ?? play.pos, `use one of ${Object.keys(STRATEGIES).join(', ')}`)
  const playState = { ended: false }
  const force = flagValue(play.force_handlers, playVars, options.forceHandlers === true, 'force_handlers')
  const sections = [play.pre_tasks, [...play.roles.map((r) => r.block), ...play.tasks], play.post_tasks]
  let goOn = true

  // order: decides the batches and who runs first (run_once); ansible_play_hosts_all keeps inventory order
  const order = play.order === undefined ? undefined : render(play.order, playVars)
  for (const batchNames of batches(ordered(playHosts, order, play.keyPos.order ?? play.pos), play.serial.length ? play.serial : undefined)) {
    if (options.signal?.aborted) break
    const hosts = batchNames.map((n) => run.host(n))
    for (const h of hosts) h.ended = false
    const ctx: PlayContext = {
      play, options, hosts: run.hosts, playHosts, batch: batchNames, varsFiles, playVars, groups: run.groups, playState, search: run.search, omit: run.omit,
      hostState: (h) => run.host(h),
      inventoryVars: (h) => run.inventoryVars(h),
      connectionFor: (h, vars, s) => run.connectionFor(h, vars, s),
      resetConnection: (h) => run.resetConnection(h),
      inventoryChanged: () => run.inventoryChanged(),
      jobs: run.jobs,
    }
    const walker = new Walker(ctx, pLimit(Math.max(1, options.forks)), scope, force, strategy === 'free')
    const runSections = async (group: HostState[]) => {
      const key = gatherKey(play, playVars)
      const gather = factHosts(play, playVars, group, options.gathering ?? 'implicit', key)
      if (gather.length) await walker.runTask(factsTask(play), gather, scope, 'facts')
      for (const h of gather) if (h.facts._ansible_facts_gathered) gatheredWith.set(h, key)
      for (const nodes of sections) {
        await walker.runNodes(nodes, group, scope)
        await walker.flushHandlers(group)
      }
    }
    if (strategy === 'free') await Promise.all(hosts.map((h) => runSections([h])))
    else await runSections(hosts)
    if (playState.ended || options.signal?.aborted) break
    if (!hosts.some((h) => isActive(h) || h.ended)) {
      goOn = false // every host of the batch failed: Ansible stops the play and the playbook
      break
    }
  }
  options.reporter.onPlayEnd(info)
  return goOn
}

/**
 * The hosts whose facts the play gathers, as Ansible's `gathering` decides (implicit by default: every
 * play that does not say gather_facts: false). Smart skips a host whose facts were gathered already, in
 * this run or (fact cache) an earlier one — with the same gather_subset and fact_path: a play asking for
 * other facts gathers them (Ansible's smart would not).
 */
function factHosts(play: Play, playVars: Vars, group: HostState[], gathering: NonNullable<RunOptions['gathering']>, key: string): HostState[] {
  const wanted = flagValue(play.gather_facts, playVars, true, 'gather_facts')
  if (gathering === 'explicit') return play.gather_facts !== undefined && wanted ? group : []
  if (!wanted) return []
  if (gathering === 'implicit') return group
  return group.filter((h) => !h.facts._ansible_facts_gathered || (gatheredWith.get(h) ?? gatherKey({}, {}, h.facts.gather_subset)) !== key)
}

// What each host's facts were gathered with (gatherKey), for smart gathering
const gatheredWith = new WeakMap<HostState, string>()

function gatherKey(play: Pick<Play, 'gather_subset' | 'fact_path'>, playVars: Vars, subset: unknown = play.gather_subset): string {
  const rendered = Array.isArray(subset) ? subset.map((s) => render(String(s), playVars)) : subset === undefined ? undefined : render(String(subset), playVars)
  return JSON.stringify([subsetList(rendered), play.fact_path ?? DEFAULT_FACT_PATH])
}

async function loadVarsFiles(play: Play, run: RunState): Promise<Vars[]> {
  const out: Vars[] = []
  for (const file of play.vars_files) {
    if (file.vars) out.push(file.vars)
    else out.push(await run.options.loadVars(render(file.path, { ...play.vars, ...run.options.extraVars }, { where: file.pos }), play.baseDir))
  }
  return out
}

/**
 * The implicit first task, as Ansible prints it: gather_facts with the play's gather_* keywords. A play's
 * run_once does not make it gather one host's facts only (as in Ansible since #39453).
 */
function factsTask(play: Play): Task {
  const args: Vars = {}
  if (play.gather_subset !== undefined) args.gather_subset = play.gather_subset
  if (play.gather_timeout !== undefined) args.gather_timeout = play.gather_timeout
  if (play.fact_path !== undefined) args.fact_path = play.fact_path
  return {
    kind: 'task', name: 'Gathering Facts', action: 'gather_facts', args, when: [], tags: ['always'], vars: {}, notify: [], listen: [], run_once: false,
    pos: play.pos, keyPos: {}, valuePos: {}, baseDir: play.baseDir,
  }
}
