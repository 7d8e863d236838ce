// What the user module reads about an account in one round trip: the passwd and shadow entries, the groups
// that list it as a member, the groups the task names, its home and its ssh key.
import { quote } from '../../util/shell-quote.js'
import type { ModuleContext } from '../types.js'
import { decode64, runSnippet, type Fields } from './snippet.js'

// $n name, $h the home the task asks for (or empty), $k the ssh key file (or empty), $l 1 for local
// (/etc/passwd only, as libuser's tools), "$@" the groups to resolve (a name or a gid each).
const READ = String.raw`
if [ "$l" = 1 ]; then e=$(awk -F: -v n="$n" '$1 == n' /etc/passwd | tail -n 1); [ -n "$e" ]; else e=$(getent passwd -- "$n"); fi
if [ $? = 0 ]; then
  s=$(getent shadow -- "$n")
  m=$(getent group | awk -F: -v n="$n" '{c = split($4, a, ","); for (i = 1; i <= c; i++) if (a[i] == n) { print $1; break }}' | tr '\n' ,)
  ph=$(printf '%s' "$e" | cut -d: -f6)
  hd=${'$'}{h:-$ph}
  [ -e "$hd" ] && he=1 || he=0
  printf '__TSPLAY__ id=user exists=1 passwd=%s shadow=%s member=%s homeexists=%s\n' "$(tp_b64 "$e")" "$(tp_b64 "$s")" "$(tp_b64 "$m")" "$he"
  if [ -n "$k" ]; then
    case $k in /*) kp=$k;; *) kp=$ph/$k;; esac
    tp_dir "$kp"
    [ -e "$ph" ] && phe=1 || phe=0
    [ -e "$_d" ] && de=1 || de=0
    if [ -e "$kp" ]; then ke=1; fp=$(ssh-keygen -l -f "$kp" 2>&1); else ke=0; fp=; fi
    pub=; [ -r "$kp.pub" ] && pub=$(cat -- "$kp.pub") && pr=1 || pr=0
    printf '__TSPLAY__ id=key path=%s homeexists=%s direxists=%s exists=%s fingerprint=%s pub=%s pubread=%s\n' "$(tp_b64 "$kp")" "$phe" "$de" "$ke" "$(tp_b64 "$fp")" "$(tp_b64 "$pub")" "$pr"
  fi
else echo '__TSPLAY__ id=user exists=0'; tp_dir "$h"; [ -d "$_d" ] && echo '__TSPLAY__ id=parent isdir=1'; fi
i=0
for g; do
  if ge=$(getent group -- "$g"); then printf '__TSPLAY__ id=g%s exists=1 entry=%s\n' "$i" "$(tp_b64 "$ge")"; else printf '__TSPLAY__ id=g%s exists=0\n' "$i"; fi
  i=$((i + 1))
done
`

export interface GroupEntry { name: string; gid: number }

export interface SshKeyState {
  path: string
  homeExists: boolean
  dirExists: boolean
  exists: boolean
  fingerprint: string
  publicKey: string | null
}

export interface Account {
  exists: boolean
  /** passwd fields: name, password, uid, gid, gecos, home, shell */
  passwd: string[]
  /** shadow fields (empty without read access to shadow) */
  shadow: string[]
  /** Groups that list the user as a member (the primary group only if it lists it too). */
  memberOf: string[]
  homeExists: boolean
  /** For a new account: whether the requested home's parent is a directory. */
  homeParentIsDir: boolean
  key?: SshKeyState
  /** The groups asked about, in order: undefined where none is found. */
  groups: (GroupEntry | undefined)[]
}

export interface ReadOptions { home?: string; keyFile?: string; local: boolean; groups: string[] }

export async function readAccount(ctx: ModuleContext, name: string, o: ReadOptions): Promise<Account> {
  const vars = `n=${quote(name)} h=${quote(o.home ?? '')} k=${quote(o.keyFile ?? '')} l=${o.local ? 1 : 0}`
  const r = await runSnippet(ctx, `${vars}\nset -- ${o.groups.map((g) => quote(g)).join(' ')}\n${READ}`)
  const u: Fields = r.byId.user ?? {}
  const k: Fields | undefined = r.byId.key
  const exists = u.exists === '1'
  return {
    exists,
    passwd: exists ? decode64(u.passwd).split(':') : [],
    shadow: exists ? decode64(u.shadow).split(':') : [],
    memberOf: exists ? decode64(u.member).split(',').filter(Boolean) : [],
    homeExists: u.homeexists === '1',
    homeParentIsDir: r.byId.parent?.isdir === '1',
    key: k && {
      path: decode64(k.path), homeExists: k.homeexists === '1', dirExists: k.direxists === '1', exists: k.exists === '1',
      fingerprint: decode64(k.fingerprint).trim(), publicKey: k.pubread === '1' ? decode64(k.pub).trim() : null,
    },
    groups: o.groups.map((_, i) => {
      const g = r.byId[`g${i}`]
      if (g?.exists !== '1') return undefined
      const f = decode64(g.entry).split(':')
      return { name: f[0], gid: Number(f[2]) }
    }),
  }
}
