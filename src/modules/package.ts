// package: the host's package manager, detected on the host (apt here; dnf/yum/apk in one snippet).
import { ModuleError } from '../errors.js'
import { quoteArgv } from '../util/shell-quote.js'
import { aptProps } from './apt.js'
import { ensureApt } from './lib/apt-core.js'
import { changed, ok } from './lib/result.js'
import { runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface PackageArgs {
  name: string[]
  state: 'present' | 'installed' | 'absent' | 'removed' | 'latest'
  use: 'auto' | 'apt' | 'dnf' | 'yum' | 'apk'
}

// rpm/apk hosts: query with rpm -q / apk info -e, act with the manager; prints the packages acted on
const OTHER = String.raw`
todo=
for p; do
  if [ "$mgr" = apk ]; then apk info -e -- "$p" >/dev/null 2>&1 && have=1 || have=0; else rpm -q -- "$p" >/dev/null 2>&1 && have=1 || have=0; fi
  case "$state" in present) [ $have = 1 ] || todo="$todo $p" ;; absent) [ $have = 0 ] || todo="$todo $p" ;; latest) todo="$todo $p" ;; esac
done
if [ -n "$todo" ] && [ "$TP_CHECK" != 1 ]; then
  case "$mgr/$state" in
    apk/absent) out=$(apk del $todo 2>&1) ;; apk/latest) out=$(apk add -u $todo 2>&1) ;; apk/*) out=$(apk add $todo 2>&1) ;;
    */absent) out=$($mgr -y remove $todo 2>&1) ;; */latest) out=$($mgr -y upgrade $todo 2>&1 || $mgr -y install $todo 2>&1) ;; *) out=$($mgr -y install $todo 2>&1) ;;
  esac || tp_fail "$mgr failed: $out"
fi
printf '__TSPLAY__ id=pkg todo=%s\n' "$(echo $todo | tr ' ' ,)"
`

export const packageModule = defineModule<PackageArgs>({
  name: 'package',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { ...aptProps, use: { enum: ['auto', 'apt', 'dnf', 'yum', 'apk'], default: 'auto' } },
  },
  async run(ctx, a) {
    let mgr = a.use
    if (mgr === 'auto') {
      const r = await ctx.conn.run('for m in apt-get dnf yum apk; do command -v $m >/dev/null 2>&1 && { echo $m; exit 0; }; done; exit 1', { become: ctx.become })
      if (r.rc !== 0) throw new ModuleError('package: no supported package manager (apt, dnf, yum, apk) on the host')
      mgr = r.stdout.trim().replace('apt-get', 'apt') as PackageArgs['use']
    }
    if (mgr === 'apt') return ensureApt(ctx, { name: a.name, state: a.state }, 'package')
    const state = a.state === 'installed' ? 'present' : a.state === 'removed' ? 'absent' : a.state
    const r = await runSnippet(ctx, `mgr=${mgr}; state=${state}\nset -- ${quoteArgv(a.name)}\n${OTHER}`, { check: ctx.check })
    const todo = (r.byId.pkg?.todo ?? '').split(',').filter(Boolean)
    return todo.length ? changed(`${state}: ${todo.join(', ')}`, { packages: todo }) : ok(undefined, { packages: [] })
  },
})
