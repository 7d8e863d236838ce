// --step: ansible-playbook's question before each task, answered on stdin (a terminal or a pipe).
// y runs the task, c runs it and stops asking, anything else (N is the default) skips it.
import { createRequire } from 'node:module'
import type { Interface } from 'node:readline'
import type { TaskInfo } from '../executor/events.js'
import { flushStdout } from '../reporters/batched-write.js'

// node:readline by require, not import(): the bundle runs from a vm.Script, which has no dynamic import
const require = createRequire(import.meta.url)

export function stepper(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): (task: TaskInfo) => Promise<boolean> {
  let asking = true
  let lines: AsyncIterator<string> | undefined
  let reader: Interface | undefined
  return async (task) => {
    if (!asking) return true
    flushStdout() // the results so far come before the question
    const what = task.handler ? 'handler' : 'task'
    const name = task.role ? `${task.role} : ${task.name}` : task.name
    output.write(`Perform ${what}: ${task.handler ? 'HANDLER' : 'TASK'}: ${name} (N)o/(y)es/(c)ontinue: `)
    if (!lines) {
      const { createInterface } = require('node:readline') as typeof import('node:readline') // only runs with --step load it
      reader = createInterface({ input, terminal: false })
      lines = reader[Symbol.asyncIterator]()
    }
    const next = await lines.next()
    if (next.done) reader?.close()
    const answer = (next.done ? '' : next.value).trim().toLowerCase()
    output.write('\n')
    if (answer === 'c' || answer === 'continue') asking = false
    return answer === 'y' || answer === 'yes' || answer === 'c' || answer === 'continue'
  }
}
