//! The report as one self-contained HTML file: inline CSS and SVG, no
//! scripts, no fonts or images from the network; readable on a phone, and
//! printable.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::svg;
use super::{by_health, count, escape, grouped, last_change, percent, review_fields, title, when};
use crate::model::Date;
use crate::render::table::{number, score, serde_plain, value};
use crate::score::Health;
use crate::view::report::{ObjectiveReport, ReportView};

const STYLE: &str = r#"
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--blue:#2563eb;--green:#1a7f37;--amber:#9a6700;--red:#cf222e;--grey:#6e7781}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.05em;margin:0 0 .2em}
.muted,.meta{color:var(--muted)}.meta{font-size:.875em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:12px 0}
.card{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 12px}.card b{display:block;font-size:1.4em}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.d{white-space:nowrap}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.8em;color:#fff;background:var(--grey);white-space:nowrap}
.on-track{background:var(--green)}.at-risk{background:var(--amber)}.off-track{background:var(--red)}.planned{background:var(--blue)}
.objective{border:1px solid var(--line);border-radius:6px;padding:12px;margin:12px 0;break-inside:avoid}
.objective .top{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}.objective .top>div{flex:1 1 260px}
svg.chart{width:100%;max-width:360px;height:auto}svg.bars{width:100%;max-width:520px;height:auto}
svg text{font-size:9px;fill:var(--muted)}svg text.ax{text-anchor:end}svg text.s{text-anchor:start}svg text.wk,svg text.n{text-anchor:middle}
.chart .line,.chart .dot{stroke:var(--blue)}.chart .dot{fill:var(--blue)}
.chart .off-track{stroke:var(--red)}.chart .dot.off-track{fill:var(--red)}.chart .at-risk{stroke:var(--amber)}.chart .dot.at-risk{fill:var(--amber)}.chart .on-track{stroke:var(--green)}.chart .dot.on-track{fill:var(--green)}
.team{margin-left:calc(var(--depth,0)*1.2em)}
.review dt{font-weight:600;margin-top:.4em}.review dd{margin:0 0 0 1em;white-space:pre-wrap}
.problem{color:var(--red);white-space:nowrap}
footer{margin:2em 0 1em;color:var(--muted);font-size:.8em}
@media print{body{font-size:11pt}main{max-width:none;padding:0}.objective{page-break-inside:avoid}a{color:inherit;text-decoration:none}}
"#;

fn badge(h: Option<Health>) -> String {
    match h {
        Some(h) => format!(r#"<span class="badge {0}">{0}</span>"#, h.as_str()),
        None => r#"<span class="badge">–</span>"#.to_owned(),
    }
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "–".to_owned(), escape)
}

pub fn write(out: &mut dyn Write, view: &ReportView) -> io::Result<()> {
    out.write_all(render(view).as_bytes())
}

pub fn render(view: &ReportView) -> String {
    let start: Date = view.start.parse().unwrap_or_default();
    let end: Date = view.end.parse().unwrap_or_default();
    let today: Date = view.today.parse().unwrap_or_default();
    let mut h = String::with_capacity(64 * 1024 + view.objectives.len() * 4096);
    let title = title(view);
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{}</title><style>{STYLE}</style></head>
<body><main>
<header><h1>{}</h1><p class="muted">{} to {} · {} · as of {}</p></header>
"#,
        escape(&title),
        escape(&title),
        view.start,
        view.end,
        escape(&when(view)),
        view.today
    );
    summary(&mut h, view);
    teams(&mut h, view);
    h.push_str("<section id=\"objectives\"><h2>Objectives</h2>\n");
    for (team, objectives) in grouped(view) {
        match team {
            Some(t) => {
                let _ = writeln!(
                    h,
                    "<h3 class=\"muted\">{}</h3>",
                    escape(t.name.as_deref().unwrap_or(&t.team))
                );
            }
            None => h.push_str("<h3 class=\"muted\">Other objectives</h3>\n"),
        }
        for o in objectives {
            objective(&mut h, o, start, end, today);
        }
    }
    let dropped: Vec<&ObjectiveReport> = view
        .objectives
        .iter()
        .filter(|o| o.objective.status == crate::model::Status::Dropped)
        .collect();
    if !dropped.is_empty() {
        h.push_str("<p class=\"muted\">Dropped (left out of every score): ");
        let names: Vec<String> = dropped
            .iter()
            .map(|o| {
                format!(
                    "{} <code>{}</code>",
                    escape(&o.objective.title),
                    escape(&o.objective.id)
                )
            })
            .collect();
        h.push_str(&names.join(", "));
        h.push_str("</p>\n");
    }
    h.push_str("</section>\n");
    activity(&mut h, view);
    stale(&mut h, view);
    reviews(&mut h, view);
    let source = if view.history {
        "Progress over time is read from the git history of the OKR files."
    } else {
        "This folder is not in a git repository, so the charts show today's scores only."
    };
    let _ = write!(
        h,
        "<footer>{} Made by okr on {}.{}</footer>\n</main></body></html>\n",
        source,
        view.today,
        view.notes
            .iter()
            .map(|n| format!("<br>{}", escape(n)))
            .collect::<String>()
    );
    h
}

fn summary(h: &mut String, view: &ReportView) {
    let c = &view.health_counts;
    let live = c.on_track + c.at_risk + c.off_track + c.planned + c.unscored;
    h.push_str("<section id=\"summary\"><div class=\"cards\">");
    let _ = write!(
        h,
        "<div class=\"card\">Score<b>{}</b>{}</div>",
        score(view.score),
        badge(view.health)
    );
    let _ = write!(
        h,
        "<div class=\"card\">Expected by now<b>{}</b>{}</div>",
        score(Some(view.expected)),
        escape(&when(view))
    );
    let _ = write!(
        h,
        "<div class=\"card\">Objectives<b>{live}</b>{}</div>",
        by_health(c, " · ")
    );
    let b = &view.bottom_up;
    let _ = write!(
        h,
        "<div class=\"card\">Bottom-up<b>{}</b>{} of {} below the top team (wanted {})</div>",
        b.share.map_or_else(|| "–".to_owned(), percent),
        b.bottom_up,
        b.objectives,
        percent(b.wanted)
    );
    let _ = write!(
        h,
        "<div class=\"card\">Check-ins<b>{}</b>by {} · {}</div>",
        view.activity.checkins,
        count(view.activity.authors.len(), "person", "people"),
        count(view.stale.len(), "stale key result", "stale key results")
    );
    h.push_str("</div></section>\n");
}

fn teams(h: &mut String, view: &ReportView) {
    if view.teams.is_empty() {
        return;
    }
    h.push_str("<section id=\"teams\"><h2>By team</h2><div class=\"wrap\"><table><thead><tr><th>Team</th><th class=\"n\">Objectives</th><th class=\"n\">Score</th><th>Health</th><th>Last check-in</th></tr></thead><tbody>\n");
    for t in &view.teams {
        let name = match &t.name {
            Some(n) => format!(
                "{} <span class=\"muted\">{}</span>",
                escape(n),
                escape(&t.team)
            ),
            None => escape(&t.team),
        };
        let name = match &t.problem {
            Some(p) => format!(
                "{name} <span class=\"problem\">{}</span>",
                escape(&p.marker())
            ),
            None => name,
        };
        let _ = writeln!(
            h,
            "<tr><td><span class=\"team\" style=\"--depth:{}\">{name}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"d\">{}</td></tr>",
            t.depth,
            t.objectives.len(),
            score(t.score),
            badge(t.health),
            opt(t.last_checkin.as_deref())
        );
    }
    h.push_str("</tbody></table></div></section>\n");
}

fn objective(h: &mut String, o: &ObjectiveReport, start: Date, end: Date, today: Date) {
    let v = &o.objective;
    let class = v.health.map_or("", Health::as_str);
    let _ = write!(
        h,
        "<article class=\"objective\" id=\"o-{}\"><div class=\"top\"><div><h3>{}</h3><p class=\"meta\"><code>{}</code> · owner {} · {} · {}{}{}</p><p>Score <b>{}</b> · expected {} · {}</p>",
        escape(&v.id),
        escape(&v.title),
        escape(&v.id),
        opt(v.owner.as_deref()),
        serde_plain(&v.kind),
        serde_plain(&v.status),
        o.last_checkin
            .as_deref()
            .map_or(String::new(), |d| format!(" · last check-in {d}")),
        o.problem.as_ref().map_or(String::new(), |p| format!(
            " · <span class=\"problem\">{}</span>",
            escape(&p.marker())
        )),
        score(v.score),
        score(Some(v.expected)),
        badge(v.health),
    );
    h.push_str("</div><div>");
    h.push_str(&svg::progress_chart(
        &o.progress,
        start,
        end,
        today,
        &format!("score of {} over the cycle", v.title),
        class,
    ));
    h.push_str("</div></div>");
    h.push_str("<div class=\"wrap\"><table><thead><tr><th>Key result</th><th>Owner</th><th class=\"n\">Value</th><th>Progress</th><th class=\"n\">Score</th><th class=\"n\">Confidence</th></tr></thead><tbody>");
    for (kr, progress) in v.key_results.iter().zip(&o.key_result_progress) {
        let _ = write!(
            h,
            "<tr><td>{}<br><code class=\"muted\">{}</code></td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&kr.title),
            escape(&kr.id),
            opt(kr.owner.as_deref()),
            escape(&value(kr)),
            svg::sparkline(
                &progress.progress,
                start,
                end,
                &format!("score of {}", kr.reference)
            ),
            score(kr.score),
            kr.confidence.map_or_else(|| "–".to_owned(), number),
        );
    }
    h.push_str("</tbody></table></div>");
    if let Some(r) = &o.review {
        h.push_str("<dl class=\"review\">");
        let _ = write!(h, "<dt>Review score</dt><dd>{}</dd>", score(r.score));
        for (k, text) in review_fields(r) {
            let _ = write!(h, "<dt>{k}</dt><dd>{}</dd>", escape(text));
        }
        h.push_str("</dl>");
    }
    h.push_str("</article>\n");
}

fn activity(h: &mut String, view: &ReportView) {
    let a = &view.activity;
    h.push_str("<section id=\"activity\"><h2>Check-in activity</h2>");
    if !view.history {
        h.push_str("<p class=\"muted\">No git history here.</p></section>\n");
        return;
    }
    let _ = write!(
        h,
        "<p>{} by {} in this cycle.</p>",
        count(a.checkins, "check-in", "check-ins"),
        count(a.authors.len(), "person", "people")
    );
    if !a.weeks.is_empty() {
        let weeks: Vec<(String, usize)> = a
            .weeks
            .iter()
            .map(|w| (w.start.clone(), w.checkins))
            .collect();
        h.push_str(&svg::weekly_bars(&weeks, "check-ins per week"));
    }
    if !a.authors.is_empty() {
        h.push_str("<div class=\"wrap\"><table><thead><tr><th>Who</th><th class=\"n\">Check-ins</th><th>First</th><th>Last</th></tr></thead><tbody>");
        for p in &a.authors {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"d\">{}</td><td class=\"d\">{}</td></tr>",
                escape(&p.author),
                p.checkins,
                p.first,
                p.last
            );
        }
        h.push_str("</tbody></table></div>");
    }
    if !a.recent.is_empty() {
        h.push_str("<h3>Latest check-ins</h3><div class=\"wrap\"><table><thead><tr><th>Date</th><th>Who</th><th>Key result</th><th class=\"n\">Change</th><th class=\"n\">Score</th></tr></thead><tbody>");
        for c in a.recent.iter().rev() {
            let old = if c.old.is_null() {
                "new".to_owned()
            } else {
                crate::render::table::json_value(&c.old)
            };
            let _ = write!(
                h,
                "<tr><td class=\"d\">{}</td><td>{}</td><td><code>{}</code></td><td class=\"n\">{} → {}{}</td><td class=\"n\">{}</td></tr>",
                c.date,
                escape(&c.author),
                escape(&c.reference),
                escape(&old),
                escape(&crate::render::table::json_value(&c.new)),
                crate::view::history::source_name(c.source.as_deref())
                    .map_or_else(String::new, |n| format!(" (sync: {})", escape(n))),
                score(c.score)
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h.push_str("</section>\n");
}

fn stale(h: &mut String, view: &ReportView) {
    if view.stale.is_empty() {
        return;
    }
    h.push_str("<section id=\"stale\"><h2>Stale key results</h2><div class=\"wrap\"><table><thead><tr><th>Key result</th><th>Owner</th><th class=\"n\">Value</th><th>Last changed</th></tr></thead><tbody>");
    for s in &view.stale {
        let _ = write!(
            h,
            "<tr><td>{}<br><code class=\"muted\">{}</code></td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&s.title),
            escape(&s.reference),
            opt(s.owner.as_deref()),
            s.value.as_ref().map_or_else(
                || "–".to_owned(),
                |v| escape(&crate::render::table::json_value(v))
            ),
            escape(&last_change(s, view))
        );
    }
    h.push_str("</tbody></table></div></section>\n");
}

fn reviews(h: &mut String, view: &ReportView) {
    let reviewed = view.reviewed().count();
    if reviewed == 0 && view.missing_reviews.is_empty() {
        return;
    }
    h.push_str("<section id=\"reviews\"><h2>Reviews</h2>");
    let _ = write!(
        h,
        "<p>{reviewed} of {} objectives reviewed.</p>",
        view.live().count()
    );
    if !view.missing_reviews.is_empty() {
        let _ = write!(
            h,
            "<p>Still to review (or to give a score): {}. <span class=\"muted\"><code>okr review --template</code> adds the questions to those without a review.</span></p>",
            view.missing_reviews
                .iter()
                .map(|id| format!("<a href=\"#o-{0}\"><code>{0}</code></a>", escape(id)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let rows: Vec<&ObjectiveReport> = view.reviewed().collect();
    if !rows.is_empty() {
        h.push_str("<div class=\"wrap\"><table><thead><tr><th>Objective</th><th class=\"n\">Computed</th><th class=\"n\">Self-assessed</th><th>Lessons</th></tr></thead><tbody>");
        for o in rows {
            let r = o.review.as_ref().expect("filtered");
            let _ = write!(
                h,
                "<tr><td><a href=\"#o-{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(&o.objective.id),
                escape(&o.objective.title),
                score(o.objective.score),
                score(r.score),
                opt(r.lessons.as_deref())
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h.push_str("</section>\n");
}
