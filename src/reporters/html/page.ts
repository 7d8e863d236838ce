// The report as one self-contained HTML file: styles, script and data inline, nothing fetched.
import type { ReportModel } from './model.js'
import { PAGE_SCRIPT } from './script.js'

const STYLE = `
:root { --ok: #3a9d23; --changed: #d4a106; --failed: #d1242f; --skipped: #1f9bcf; --unreachable: #8b1a1a; --ignored: #a371f7;
  --rescued: #2da44e; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; padding: 16px 24px 48px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 0 0 4px; } .muted, .where, .none { color: var(--muted); }
#cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 84px; background: var(--bg); }
.card b { display: block; font-size: 20px; } .card span { color: var(--muted); }
.card.s-ok b { color: var(--ok); } .card.s-changed b { color: var(--changed); } .card.s-failed b, .card.s-unreachable b { color: var(--failed); }
.card.s-skipped b { color: var(--skipped); } .card.s-ignored b { color: var(--ignored); } .card.s-rescued b { color: var(--rescued); } .card.zero b { color: var(--muted); }
.controls { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
#legend .key { margin-right: 10px; white-space: nowrap; } #legend .bar { position: static; display: inline-block; width: 12px; height: 10px; margin-right: 4px; }
.timeline { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
#lanes { position: relative; overflow: auto; max-height: 60vh; min-height: 60px; }
#lanes-inner { position: relative; min-width: 100%; }
.scale { position: relative; height: 20px; margin-left: 140px; border-bottom: 1px solid var(--line); }
.tick { position: absolute; top: 2px; font-size: 11px; color: var(--muted); border-left: 1px solid var(--line); padding-left: 2px; }
.play { position: absolute; top: 0; height: 20px; font-size: 11px; overflow: hidden; white-space: nowrap; padding: 2px 4px; border-right: 1px solid #fff; }
.play.p0 { background: #ddf4ff; } .play.p1 { background: #fff8c5; }
.lane { position: absolute; left: 0; right: 0; height: 20px; display: flex; border-bottom: 1px solid #eef1f4; }
.lane.problem, .lane.problem .host { background: #fff5f5; }
.host { position: sticky; left: 0; z-index: 1; flex: none; width: 140px; font-size: 11px; padding: 0 6px; line-height: 19px; background: #fff;
  color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; border-right: 1px solid var(--line); }
.track { position: relative; flex: 1; }
.bar { position: absolute; top: 4px; height: 12px; border-radius: 2px; cursor: pointer; }
.s-ok.bar { background: var(--ok); } .s-changed.bar { background: var(--changed); } .s-failed.bar { background: var(--failed); }
.s-skipped.bar { background: var(--skipped); } .s-unreachable.bar { background: var(--unreachable); } .s-ignored.bar { background: var(--ignored); }
#detail { margin-top: 8px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: var(--bg); }
table { border-collapse: collapse; } td, th { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.zero { color: var(--muted); }
tr.s-failed td:first-child { color: var(--failed); font-weight: 600; } tr.s-changed td:first-child { color: #9a6700; } tr.s-ok td:first-child { color: var(--ok); }
.failure { border-left: 4px solid var(--failed); padding: 6px 12px; margin: 10px 0; background: #fff5f5; }
.failure.ignored { border-color: var(--ignored); background: #fbf7ff; }
pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.diff pre { background: var(--bg); padding: 6px; } .diff summary { cursor: pointer; }
.add { color: #116329; background: #dafbe1; } .del { color: #82071e; background: #ffebe9; } .hunk { color: #0550ae; }
`

/** JSON inside <script>: `<` escaped so no string in the data can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
}

export function renderPage(model: ReportModel): string {
  const title = escapeHtml(model.title)
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>tsplay report: ${title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${title}</h1>
<div class="muted">started <span id="started"></span></div>
<div id="cards"></div>

<h2>Timeline</h2>
<div class="controls">
  <span id="lane-count"></span>
  <label>host <input id="filter" type="search" placeholder="filter by name"></label>
  <label><input id="problems" type="checkbox"> only hosts that failed</label>
  <label>zoom <input id="zoom" type="range" min="1" max="40" value="1"></label>
  <span id="legend"></span>
</div>
<div class="timeline">
  <div id="lanes">
    <div id="plays" class="scale"></div>
    <div id="axis" class="scale"></div>
    <div id="lanes-inner"></div>
  </div>
</div>
<div id="detail" hidden></div>

<h2>Slowest tasks</h2>
<table id="slowest"><thead><tr><th>time</th><th>host</th><th>task</th><th>status</th><th>where</th></tr></thead><tbody></tbody></table>
<h2>Play times</h2>
<table id="play-times"><tbody></tbody></table>

<h2>Failures</h2>
<div id="failures"></div>

<h2>Diffs</h2>
<div id="diffs"></div>

<h2>Recap</h2>
<table id="recap"><thead><tr><th>host</th><th>ok</th><th>changed</th><th>unreachable</th><th>failed</th><th>skipped</th><th>rescued</th><th>ignored</th></tr></thead><tbody></tbody></table>

<section id="warnings-section" hidden><h2>Warnings</h2><ul id="warnings"></ul></section>
<script type="application/json" id="report-data">${scriptJson(model)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`
}
