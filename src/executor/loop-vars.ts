// What one loop item adds to a task's variables, for tasks and for include_tasks/include_role loops alike.
import type { Task, Vars } from '../playbook/model.js'

/** The variables one loop item adds: the item, the index with index_var, ansible_loop with extended. */
export function loopVarsOf(task: Task, items: unknown[], index: number, loopVar: string, indexVar?: string): Vars {
  const loopVars: Vars = { [loopVar]: items[index], ansible_loop_var: loopVar }
  if (indexVar) Object.assign(loopVars, { [indexVar]: index, ansible_index_var: indexVar })
  if (task.loop_control?.extended) loopVars.ansible_loop = extendedLoop(items, index)
  return loopVars
}

// previtem is not there on the first item, nor nextitem on the last, as in Ansible
function extendedLoop(items: unknown[], index: number): Vars {
  const loop: Vars = {
    index: index + 1, index0: index, revindex: items.length - index, revindex0: items.length - index - 1,
    first: index === 0, last: index === items.length - 1, length: items.length, allitems: items,
  }
  if (index > 0) loop.previtem = items[index - 1]
  if (index < items.length - 1) loop.nextitem = items[index + 1]
  return loop
}
