// One play: its hosts (pattern ∩ --limit, minus hosts lost in earlier plays), serial batches,
// fact gathering, pre_tasks → roles + tasks → post_tasks with handler flushes, linear or free.
import pLimit from 'p-limit'
import { ConfigError } from '../errors.js'
import type { Play, Task, Vars } from '../playbook/model.js'
import { shortName } from '../playbook/catalog.js'
import { render } from '../template/index.js'
import { flagValue } from './invoke.js'
import { batches } from './batches.js'
import { playScope } from './scope.js'
import type { RunState } from './run-state.js'
import { isActive, type HostState, type PlayContext } from './types.js'
import { Walker } from './walk.js'

// Ansible's strategies as tsplay runs them: host_pinned is free (hosts never wait for each other; forks
// bound how many run at once), debug is linear (its debugger needs a terminal session tsplay does not open).
const STRATEGIES: Record<string, 'linear' | 'free'> = { linear: 'linear', free: 'free', host_pinned: 'free', debug: 'linear' }

/** Runs one play; returns false when the playbook must stop (a whole batch failed, as in Ansible). */

export async function runPlay(play: Play, run: RunState): Promise<boolean> {
  const { options } = run
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

  for (const batchNames of batches(playHosts, play.serial.length ? play.serial : undefined)) {
    if (options.signal?.aborted) break
    const hosts = batchNames.map((n) => run.host(n))
    for (const h of hosts) h.ended = false
    const ctx: PlayContext = {
      play, options, hosts: run.hosts, playHosts, batch: batchNames, varsFiles, playVars, groups: run.groups, playState, search: run.search, omit: run.omit,
      inventoryVars: (h) => run.inventoryVars(h),
      connectionFor: (h, vars, s) => run.connectionFor(h, vars, s),
      resetConnection: (h) => run.resetConnection(h),
      inventoryChanged: () => run.inventoryChanged(),
      jobs: run.jobs,
    }
    const walker = new Walker(ctx, pLimit(Math.max(1, options.forks)), scope, force, strategy === 'free')
    const runSections = async (group: HostState[]) => {
      // gathering = smart: only hosts whose facts are not known yet
      const targets = options.gathering === 'smart' ? group.filter((h) => Object.keys(h.facts).length === 0) : group
      if (gatherFacts(play, playVars, options.gathering ?? 'implicit') && targets.length) await walker.runTask(factsTask(play), targets, scope, 'facts')
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

/** Whether the play gathers facts: its gather_facts, else the configured gathering (explicit: no). */
function gatherFacts(play: Play, playVars: Vars, gathering: string): boolean {
  return flagValue(play.gather_facts, playVars, gathering !== 'explicit', 'gather_facts')
}

async function loadVarsFiles(play: Play, run: RunState): Promise<Vars[]> {
  const out: Vars[] = []
  for (const file of play.vars_files) {
    if (file.vars) out.push(file.vars)
    else out.push(await run.options.loadVars(render(file.path, { ...play.vars, ...run.options.extraVars }, { where: file.pos }), play.baseDir))
  }
  return out
}

/** The implicit first task, as Ansible prints it. */
function factsTask(play: Play): Task {
  return {
    kind: 'task', name: 'Gathering Facts', action: 'setup', args: {}, when: [], tags: ['always'], vars: {}, notify: [], listen: [],
    pos: play.pos, keyPos: {}, valuePos: {}, baseDir: play.baseDir,
  }
}
