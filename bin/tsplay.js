#!/usr/bin/env node
import { fileURLToPath } from 'node:url'
import { boot } from '../dist/cli/boot.js'

const { main } = boot(fileURLToPath(new URL('../dist/cli/main.cjs', import.meta.url)))

// `tsplay … | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
