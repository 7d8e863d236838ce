// One play: its hosts (pattern ∩ --limit, minus hosts lost in earlier plays), serial batches,
// fact gathering, pre_tasks → roles + tasks → post_tasks with handler flushes, linear or free.
import pLimit from 'p-limit'
import { ConfigError } from '../errors.js'
import type { Play, Task, Vars } from '../playbook/model.js'
import { render, renderValue, toBool } from '../template/index.js'
import { batches } from './batches.js'
import { flushHandlers } from './handlers.js'
import { playScope } from './scope.js'
import type { RunState } from './run-state.js'
import { isActive, type HostState } from './types.js'
import type { PlayContext } from './vars.js'
import { Walker } from './walk.js'

export async function runPlay(play: Play, run: RunState): Promise<void> {
  const { options } = run
  const selected = new Set(options.limit ? options.inventory.select(options.limit) : options.inventory.hostNames())
  const playHosts = options.inventory.select(play.hosts).filter((h) => selected.has(h) && !run.lost(h))
  options.reporter.onPlayStart({ name: play.name ?? play.hosts, hosts: playHosts })
  if (!playHosts.length) {
    options.reporter.onWarning(`no hosts matched '${play.hosts}'${options.limit ? ` with --limit '${options.limit}'` : ''}, skipping the play`)
    return
  }
  const varsFiles = await loadVarsFiles(play, run)
  const scope = playScope(play)
  const strategy = render(play.strategy ?? 'linear', { ...play.vars, ...options.extraVars })
  if (strategy !== 'linear' && strategy !== 'free') throw new ConfigError(`strategy '${strategy}' is not supported`, play.keyPos.strategy ?? play.pos, 'use linear or free')

  for (const batchNames of batches(playHosts, play.serial.length ? play.serial : undefined)) {
    const hosts = batchNames.map((n) => run.host(n))
    for (const h of hosts) h.ended = false
    const ctx: PlayContext = {
      play, options, hosts: run.hosts, playHosts, batch: batchNames, varsFiles, groups: run.groups,
      inventoryVars: (h) => run.inventoryVars(h),
      connectionFor: (h, vars, s) => run.connectionFor(h, vars, s),
    }
    const limit = pLimit(Math.max(1, options.forks))
    const force = toBool(play.force_handlers ?? false)
    const sections = [play.pre_tasks, [...play.roles.map((r) => r.block), ...play.tasks], play.post_tasks]
    const runSections = async (walker: Walker, group: HostState[]) => {
      // Facts are gathered once per host per run (Ansible's `gathering = smart`).
      const unknown = group.filter((h) => Object.keys(h.facts).length === 0)
      if (gatherFacts(play, options.extraVars) && unknown.length) await walker.runTask(factsTask(play), unknown, scope)
      for (const nodes of sections) {
        await walker.runNodes(nodes, group, scope)
        await flushHandlers(walker, play.handlers, group, scope, force)
      }
    }
    const makeWalker = (free: boolean): Walker =>
      new Walker(ctx, limit, (group) => flushHandlers(walker, play.handlers, group, scope, force), free)
    let walker = makeWalker(false)
    if (strategy === 'free') {
      walker = makeWalker(true)
      await Promise.all(hosts.map((h) => runSections(walker, [h])))
    } else {
      await runSections(walker, hosts)
    }
    if (!hosts.some((h) => isActive(h) || h.ended)) break // every host of the batch failed: stop the play
  }
  options.reporter.onPlayEnd({ name: play.name ?? play.hosts, hosts: playHosts })
}

function gatherFacts(play: Play, extraVars: Vars): boolean {
  return toBool(typeof play.gather_facts === 'string' ? renderValue(play.gather_facts, { ...play.vars, ...extraVars }) : play.gather_facts)
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
    pos: play.pos, keyPos: {}, baseDir: play.baseDir,
  }
}
