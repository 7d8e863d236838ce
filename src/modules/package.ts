// package: the host's package manager, detected on the host (apt here; dnf/yum/apk in one snippet).
import { ModuleError } from '../errors.js'
import { quoteArgv } from '../util/shell-quote.js'
import { aptProps } from './apt.js'
import { aptResult, aptScript } from './lib/apt-core.js'
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
    // detection and the work share one snippet: an unchanged task is one round trip
    const apt = aptScript({ name: a.name, state: a.state }, 'package')
    const state = apt.state
    const other = `state=${state}\nset -- ${quoteArgv(a.name)}\n${OTHER}`
    const detect = a.use === 'auto'
      ? 'mgr=; for m in apt-get dnf yum apk; do command -v $m >/dev/null 2>&1 && { mgr=$m; break; }; done'
      : `mgr=${a.use === 'apt' ? 'apt-get' : a.use}`
    const script = [
      detect,
      `[ -n "$mgr" ] || tp_fail 'package: no supported package manager (apt, dnf, yum, apk) on the host'`,
      `if [ "$mgr" = apt-get ]; then`,
      apt.script,
      'else',
      other,
      'fi',
    ].join('\n')
    const r = await runSnippet(ctx, script, { check: ctx.check })
    if (r.byId.apt) return aptResult(ctx, { name: a.name, state: a.state }, state, r.byId.apt)
    const todo = (r.byId.pkg?.todo ?? '').split(',').filter(Boolean)
    if (!r.byId.pkg) throw new ModuleError('package: no result from the host')
    return todo.length ? changed(`${state}: ${todo.join(', ')}`, { packages: todo }) : ok(undefined, { packages: [] })
  },
})
