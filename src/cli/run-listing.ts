// --list-hosts, --list-tasks and --list-tags, in ansible-playbook's layout.
import type { RunOptions } from '../executor/types.js'
import { selectedByTags } from '../executor/scope.js'
import type { Playbook } from '../playbook/model.js'
import { playTasks } from '../playbook/walk.js'
import type { OptionValues } from './args.js'
import { displayPath } from '../playbook/files.js'

type Base = Pick<RunOptions, 'inventory' | 'limit' | 'tags' | 'skipTags'>

export function printPlaybookListing(playbook: Playbook, base: Base, options: OptionValues): void {
  const out: string[] = ['', `playbook: ${displayPath(playbook.file)}`]
  playbook.plays.forEach((play, i) => {
    out.push('', `  play #${i + 1} (${play.hosts}): ${play.name ?? play.hosts}\tTAGS: [${play.tags.join(', ')}]`)
    if (options['list-hosts']) {
      const limited = new Set(base.limit ? base.inventory.select(base.limit) : base.inventory.hostNames())
      const hosts = base.inventory.select(play.hosts).filter((h) => limited.has(h))
      out.push(`    pattern: ['${play.hosts}']`, `    hosts (${hosts.length}):`, ...hosts.map((h) => `      ${h}`))
    }
    if (options['list-tags']) {
      const tags = [...playTasks(play, false)].flatMap(({ task, blocks }) => [...play.tags, ...blocks.flatMap((b) => b.tags), ...task.tags])
      out.push(`      TASK TAGS: [${[...new Set(tags)].sort().join(', ')}]`)
    }
    if (options['list-tasks']) {
      out.push('    tasks:')
      for (const { task, blocks, section } of playTasks(play, false)) {
        const tags = [...play.tags, ...blocks.flatMap((b) => b.tags), ...task.tags]
        if (!selectedByTags(tags, base.tags, base.skipTags)) continue
        const role = task.role ? `${task.role.name} : ` : ''
        if (section !== 'handlers') out.push(`      ${role}${task.name ?? task.action}\tTAGS: [${[...new Set(tags)].join(', ')}]`)
      }
    }
  })
  process.stdout.write(out.join('\n') + '\n')
}
