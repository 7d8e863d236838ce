import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { checkFetch } from './fetch-checks.js'

const root = mkdtempSync(join(tmpdir(), 'tsplay-fetch-remote-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

it('fetch: to dest/<host>/<path>, only when the sha1 differs; Ansible keys, messages and check mode; flat; missing; ~', () => checkFetch({ conn: new LocalConnection(), root }))
