// --start-at-task NAME: the first task whose name (or `role : name`) matches the glob starts the run.
import type { Task } from '../playbook/model.js'

export function startsHere(pattern: string, task: Task): boolean {
  const names = [task.name ?? task.action, ...(task.role ? [`${task.role.name} : ${task.name ?? task.action}`] : [])]
  const re = globToRegExp(pattern)
  return names.some((n) => n === pattern || re.test(n))
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}
