// git cases for parity.test.ts: each case makes the same source repository (fixed dates: the same commit
// ids on both sides) in its directory, then the task runs; the working trees and before/after must agree.
import type { ParityCase } from '../parity.js'

const SRC = `export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z
git init -q -b main src && cd src && echo one > f && git add f && git commit -qm one && git tag v1 && git tag -a v1a -m ann
git checkout -qb dev && echo dev > f && echo x > g && git add g && git commit -qam dev && git checkout -q main && cd ..`
// the commit v1 names: the dates are fixed, so the id is too
const V1 = '74d107f72f85665cf6e0d262bbbed746988374c5'
const CLONED = `${SRC}\ngit clone -q "file://$PWD/src" co`
const NEWER = `cd src && echo two > f && git commit -qam two && cd ..`

const gitCase = (name: string, args: Record<string, unknown>, opts: Partial<ParityCase> = {}): ParityCase => ({
  name, module: 'git', args: { repo: '{dir}/src', dest: '{dir}/co', ...args }, sh: SRC, skipTree: ['*/.git'], keys: ['before', 'after', 'remote_url_changed'], ...opts,
})

export const gitParity: ParityCase[] = [
  gitCase('a clone of HEAD', {}),
  gitCase('a clone in check mode', {}, { check: true }),
  gitCase('a clone of an annotated tag', { version: 'v1a' }),
  gitCase('a clone of a branch', { version: 'dev' }),
  gitCase('a clone at a commit id', { version: V1 }),
  gitCase('a bare clone', { dest: '{dir}/bare.git', bare: true }, { skipTree: ['*/.git', '*/bare.git'] }),
  gitCase('clone=no reports the remote head', { clone: false }),
  gitCase('a shallow clone of a branch', { version: 'dev', depth: 1 }),
  gitCase('an up-to-date checkout is ok', {}, { sh: CLONED }),
  gitCase('a checkout made from the plain path gets the file:// URL', {}, { sh: `${SRC}\ngit clone -q "$PWD/src" co` }),
  gitCase('a new commit upstream is fetched', {}, { sh: `${CLONED}\n${NEWER}` }),
  gitCase('a new commit upstream in check mode', {}, { sh: `${CLONED}\n${NEWER}`, check: true }),
  gitCase('update=no leaves it', { update: false }, { sh: `${CLONED}\n${NEWER}` }),
  gitCase('a switch to a branch', { version: 'dev' }, { sh: CLONED }),
  gitCase('a switch to a tag', { version: 'v1' }, { sh: `${CLONED}\n${NEWER}` }),
  gitCase('local modifications fail without force', {}, { sh: `${CLONED}\necho mine > co/f` }),
  gitCase('local modifications are reset with force', { force: true }, { sh: `${CLONED}\necho mine > co/f` }),
  gitCase('an untracked file is not a modification', {}, { sh: `${CLONED}\necho new > co/untracked` }),
  gitCase('an archive next to the checkout', { archive: '{dir}/app.tar' }, { sh: CLONED }),
  gitCase('a missing repository fails', { repo: '{dir}/nope' }),
]
