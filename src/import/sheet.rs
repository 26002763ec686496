//! Sheets to a plan: one row per key result (objective columns repeated or
//! left empty below a merged cell), or one row per check-in. CSV and XLSX
//! files are read into [`Table`]s by their readers and turned into a plan here.

use std::collections::{BTreeMap, HashMap};

use super::columns::{Columns, Field, map_headers};
use super::numbers::{parse_cycle, parse_done, parse_quantity, short};
use super::row::Row;
use super::{
    CheckinTarget, CheckinValue, Errors, MAX_COLUMNS, MAX_NOTE_CHARS, MAX_ROWS, MAX_TITLE_CHARS,
    Plan, PlannedCheckin, PlannedObjective,
};
use crate::model::{KeyResult, ObjectiveKind, Origin, Status};

/// A cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A spreadsheet date serial (days since 1899-12-30).
    DateSerial(f64),
    Bool(bool),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(x) | Cell::DateSerial(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
                format!("{}", *x as i64)
            }
            Cell::Number(x) | Cell::DateSerial(x) => x.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet: its name (the file's, or the worksheet's) and its rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// Which objective a row belongs to: cycle, team, person, title (or id).
type ObjectiveKey = (Option<String>, Option<String>, Option<String>, String);

/// Objective columns, filled down from the row above when a row leaves them empty.
const OBJECTIVE_FIELDS: [Field; 10] = [
    Field::Cycle,
    Field::Team,
    Field::Person,
    Field::ObjectiveId,
    Field::Objective,
    Field::ObjectiveOwner,
    Field::Status,
    Field::Kind,
    Field::Origin,
    Field::Aligns,
];

/// Turns the tables of one import into one plan.
pub fn plan(source: &str, tables: &[Table], map: &BTreeMap<Field, String>) -> Result<Plan, String> {
    let mut plan = Plan::new(source);
    let mut errors = Errors::default();
    let mut checkin_tables = Vec::new();
    for table in tables {
        if table.rows.len() > MAX_ROWS + 10 {
            errors.push(format!(
                "{}: {} rows; okr imports at most {MAX_ROWS} rows from a sheet",
                table.name,
                table.rows.len()
            ));
            continue;
        }
        if table.rows.iter().any(|r| r.len() > MAX_COLUMNS) {
            errors.push(format!(
                "{}: more than {MAX_COLUMNS} columns; okr reads at most {MAX_COLUMNS}",
                table.name
            ));
            continue;
        }
        let Some((header_row, columns)) = header(table, map, &mut errors) else {
            continue;
        };
        plan.mapping
            .push(format!("{}, header on row {}:", table.name, header_row + 1));
        let headers: Vec<String> = table.rows[header_row].iter().map(Cell::text).collect();
        for (field, i) in &columns.by_field {
            let note = if field.computed() {
                " (computed; not read)"
            } else {
                ""
            };
            plan.mapping.push(format!(
                "  {:<16} <- {} (column {}){note}",
                field.key(),
                short(&headers[*i]),
                column_name(*i)
            ));
        }
        for (i, h) in &columns.unknown {
            plan.unmapped.push(format!(
                "{}: column {} `{}` holds nothing okr reads; name it with --map to use it",
                table.name,
                column_name(*i),
                short(h)
            ));
        }
        let body = &table.rows[header_row + 1..];
        let first_row = header_row + 2;
        if is_checkin_table(&columns) {
            checkin_tables.push((table, columns, body, first_row));
        } else if columns.has(Field::Objective)
            || columns.has(Field::KeyResult)
            || columns.has(Field::ObjectiveId)
        {
            objectives(&mut plan, table, &columns, body, first_row, &mut errors);
        } else {
            errors.push(format!(
                "{}: no column for the objective or the key result (looked for headers such as `Objective`, `目标`, `Key result`, `关键结果`); name them with --map, e.g. `objective: My header`",
                table.name
            ));
        }
    }
    // Check-ins after every objective is known, so that they can name the sheet's.
    for (table, columns, body, first_row) in checkin_tables {
        checkins(&mut plan, table, &columns, body, first_row, &mut errors);
    }
    if plan.objectives.is_empty() && plan.checkins.is_empty() && errors.0.is_empty() {
        errors.push(format!(
            "{}: no rows with an objective, a key result or a check-in",
            tables
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    errors.finish(plan)
}

/// `A`, `B`, ... `Z`, `AA`: a column as spreadsheets name it.
pub fn column_name(i: usize) -> String {
    let mut n = i + 1;
    let mut name = Vec::new();
    while n > 0 {
        n -= 1;
        name.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The header row: the first of the first ten rows in which two cells name
/// fields (or every mapped header stands), and its columns.
fn header(
    table: &Table,
    map: &BTreeMap<Field, String>,
    errors: &mut Errors,
) -> Option<(usize, Columns)> {
    let mut first_error = None;
    for (i, row) in table.rows.iter().enumerate().take(10) {
        let headers: Vec<String> = row.iter().map(Cell::text).collect();
        match map_headers(&headers, map) {
            Ok(columns) if columns.by_field.len() >= 2 => return Some((i, columns)),
            Ok(_) => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    errors.push(match first_error {
        Some(e) => format!("{}: {e}", table.name),
        None if table.rows.iter().all(|r| r.iter().all(Cell::is_empty)) => {
            format!("{}: the sheet is empty", table.name)
        }
        None => format!(
            "{}: no header row in the first 10 rows: okr looks for columns such as `Objective`, `Key result`, `Target` (or `目标`, `关键结果`, `目标值`); name them with --map",
            table.name
        ),
    });
    None
}

/// A sheet of check-ins: a date and a value per row, and no targets.
fn is_checkin_table(c: &Columns) -> bool {
    c.has(Field::Date)
        && (c.has(Field::Value) || c.has(Field::Current) || c.has(Field::Done))
        && (c.has(Field::Ref) || c.has(Field::KeyResult))
        && ![
            Field::Start,
            Field::Target,
            Field::KeepAbove,
            Field::KeepBelow,
            Field::Due,
        ]
        .iter()
        .any(|f| c.has(*f))
}

fn objectives(
    plan: &mut Plan,
    table: &Table,
    columns: &Columns,
    body: &[Vec<Cell>],
    first_row: usize,
    errors: &mut Errors,
) {
    let headers: Vec<String> = table
        .rows
        .get(first_row.saturating_sub(2))
        .map(|r| r.iter().map(Cell::text).collect())
        .unwrap_or_default();
    // The objective columns of the row above, for merged cells.
    let mut above: HashMap<Field, String> = HashMap::new();
    // (cycle, team, person, objective) -> index in the plan.
    let mut index: HashMap<ObjectiveKey, usize> = HashMap::new();
    for (i, cells) in body.iter().enumerate() {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let row = Row {
            table: &table.name,
            number: first_row + i,
            cells,
            columns,
            headers: &headers,
        };
        let own_objective = row.text(Field::Objective, MAX_TITLE_CHARS).is_some()
            || row.text(Field::ObjectiveId, 200).is_some();
        let mut value = |field: Field, max: usize| -> Option<String> {
            match row.text(field, max) {
                Some(v) => {
                    above.insert(field, v.clone());
                    Some(v)
                }
                // Team and cycle cells are merged over several objectives;
                // the others only over the rows of one objective.
                None if !own_objective || matches!(field, Field::Cycle | Field::Team) => {
                    above.get(&field).cloned()
                }
                None => {
                    above.remove(&field);
                    None
                }
            }
        };
        let fields: HashMap<Field, Option<String>> = OBJECTIVE_FIELDS
            .iter()
            .map(|&f| (f, value(f, MAX_TITLE_CHARS)))
            .collect();
        let get = |f: Field| fields.get(&f).cloned().flatten();
        let title = get(Field::Objective);
        let given_id = get(Field::ObjectiveId);
        let Some(key_title) = title.clone().or_else(|| given_id.clone()) else {
            errors.push(format!(
                "{} row {}: a key result without an objective; give the row (or a row above it) an objective",
                table.name, row.number
            ));
            continue;
        };
        let cycle = match get(Field::Cycle) {
            None => None,
            Some(c) => match parse_cycle(&c) {
                Some(id) => Some(id),
                None if !c.contains(char::is_whitespace) && c.len() <= 40 => Some(c),
                None => {
                    errors.push(format!(
                        "{}: `{}` names no cycle okr knows; write `2026-Q4`, `Q4 2026`, `2026年第四季度` or `2026`, or an id declared under `cycles:` in okr.yaml",
                        row.at(Field::Cycle),
                        short(&c)
                    ));
                    continue;
                }
            },
        };
        // A personal objective belongs to its person, not to a team.
        let (team, person) = match get(Field::Person) {
            Some(p) => (None, Some(plan.person(Some(&p), None))),
            None => (get(Field::Team).map(|t| plan.team(&t, None)), None),
        };
        let key = (
            cycle.clone(),
            team.clone(),
            person.clone(),
            key_title.clone(),
        );
        let at = match index.get(&key) {
            Some(&at) => at,
            None => {
                let mut p = PlannedObjective {
                    cycle,
                    team,
                    person,
                    at: format!("{} row {}", table.name, row.number),
                    ..PlannedObjective::default()
                };
                let o = &mut p.objective;
                o.id = given_id.unwrap_or_default();
                o.title = title.unwrap_or_else(|| key_title.clone());
                o.owner = get(Field::ObjectiveOwner)
                    .or_else(|| row.text(Field::Owner, 200))
                    .map(|name| plan.person(Some(&name), None));
                o.status = match get(Field::Status) {
                    None => Status::Draft,
                    Some(s) => choice(
                        &s,
                        &[
                            (&["draft", "草稿"], Status::Draft),
                            (
                                &["agreed", "已确认", "已同意", "确认", "active", "进行中"],
                                Status::Agreed,
                            ),
                            (
                                &["dropped", "放弃", "已放弃", "cancelled", "canceled", "取消"],
                                Status::Dropped,
                            ),
                        ],
                    )
                    .unwrap_or_else(|| {
                        plan.unmapped.push(format!(
                            "{}: status `{}` is not draft, agreed or dropped; left as draft",
                            row.at(Field::Status),
                            short(&s)
                        ));
                        Status::Draft
                    }),
                };
                o.kind = match get(Field::Kind) {
                    None => ObjectiveKind::Aspirational,
                    Some(s) => choice(
                        &s,
                        &[
                            (
                                &["aspirational", "挑战", "挑战型", "stretch"],
                                ObjectiveKind::Aspirational,
                            ),
                            (&["committed", "承诺", "承诺型"], ObjectiveKind::Committed),
                        ],
                    )
                    .unwrap_or_else(|| {
                        plan.unmapped.push(format!(
                            "{}: kind `{}` is not aspirational or committed; left aspirational",
                            row.at(Field::Kind),
                            short(&s)
                        ));
                        ObjectiveKind::Aspirational
                    }),
                };
                o.origin = get(Field::Origin).and_then(|s| {
                    let origin = choice(
                        &s,
                        &[
                            (&["bottom-up", "bottomup", "自下而上"], Origin::BottomUp),
                            (&["top-down", "topdown", "自上而下"], Origin::TopDown),
                        ],
                    );
                    if origin.is_none() {
                        plan.unmapped.push(format!(
                            "{}: origin `{}` is not bottom-up or top-down; left out",
                            row.at(Field::Origin),
                            short(&s)
                        ));
                    }
                    origin
                });
                o.aligns = get(Field::Aligns)
                    .map(|a| {
                        a.split([',', ';', ' ', '，', '、'])
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                plan.objectives.push(p);
                index.insert(key, plan.objectives.len() - 1);
                plan.objectives.len() - 1
            }
        };
        if let Some(kr) = key_result(plan, &row, errors) {
            plan.objectives[at].objective.key_results.push(kr);
        }
    }
}

/// A status, kind or origin from its English or Chinese names.
fn choice<T: Copy>(text: &str, options: &[(&[&str], T)]) -> Option<T> {
    let lower = text.trim().to_lowercase();
    options
        .iter()
        .find(|(names, _)| names.contains(&lower.as_str()))
        .map(|(_, v)| *v)
}

/// The key result of a row, when it has one.
fn key_result(plan: &mut Plan, row: &Row<'_>, errors: &mut Errors) -> Option<KeyResult> {
    let title = row.text(Field::KeyResult, MAX_TITLE_CHARS);
    let id = row.text(Field::KrId, 200);
    let kr_fields = [
        Field::Start,
        Field::Target,
        Field::Current,
        Field::Done,
        Field::Due,
        Field::KeepAbove,
        Field::KeepBelow,
    ];
    if title.is_none() && id.is_none() {
        if kr_fields.iter().any(|f| row.cell(*f).is_some()) {
            errors.push(format!(
                "{} row {}: values for a key result without its title; add the key result's title",
                row.table, row.number
            ));
        }
        return None;
    }
    let mut units = Vec::new();
    let mut number = |f: Field, errors: &mut Errors| {
        row.number(f, errors).map(|(x, unit)| {
            units.extend(unit);
            x
        })
    };
    let start = number(Field::Start, errors);
    let target = number(Field::Target, errors);
    let keep_above = number(Field::KeepAbove, errors);
    let keep_below = number(Field::KeepBelow, errors);
    let current_cell = row.cell(Field::Current).map(Cell::text);
    let done = row.done(Field::Done, errors);
    let due = row.date(Field::Due, errors);
    let milestone = done.is_some() || due.is_some();
    // A milestone's progress column may say `done` instead of a number.
    let (current, done) = match (&current_cell, milestone) {
        (Some(text), true) if parse_quantity(text).is_err() => {
            (None, done.or_else(|| parse_done(text).ok()))
        }
        _ => (number(Field::Current, errors), done),
    };
    let numeric = start.is_some() || target.is_some();
    let kr = KeyResult {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        owner: row
            .text(Field::Owner, 200)
            .map(|name| plan.person(Some(&name), None)),
        start,
        target,
        // A number without a current value stands at its start.
        current: current.or(if numeric { start } else { None }),
        unit: row
            .text(Field::Unit, 40)
            .or_else(|| units.into_iter().next()),
        done: done.or(if milestone { Some(false) } else { None }),
        due,
        keep_above,
        keep_below,
        confidence: row.fraction(Field::Confidence, errors),
        weight: row.number(Field::Weight, errors).map(|(x, _)| x),
        ..KeyResult::default()
    };
    Some(kr)
}

fn checkins(
    plan: &mut Plan,
    table: &Table,
    columns: &Columns,
    body: &[Vec<Cell>],
    first_row: usize,
    errors: &mut Errors,
) {
    let headers: Vec<String> = table
        .rows
        .get(first_row.saturating_sub(2))
        .map(|r| r.iter().map(Cell::text).collect())
        .unwrap_or_default();
    let mut objective_above: Option<String> = None;
    for (i, cells) in body.iter().enumerate() {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let row = Row {
            table: &table.name,
            number: first_row + i,
            cells,
            columns,
            headers: &headers,
        };
        let at = format!("{} row {}", table.name, row.number);
        let target = if let Some(r) = row.text(Field::Ref, 200) {
            let planned = r
                .split_once('/')
                .and_then(|(o, k)| find_planned(plan, |po| po.objective.id == o, |kr| kr.id == k));
            planned.unwrap_or(CheckinTarget::Ref(r))
        } else {
            let objective = row
                .text(Field::Objective, MAX_TITLE_CHARS)
                .or_else(|| objective_above.clone());
            objective_above.clone_from(&objective);
            match (objective, row.text(Field::KeyResult, MAX_TITLE_CHARS)) {
                (Some(o), Some(k)) => {
                    find_planned(plan, |po| po.objective.title == o, |kr| kr.title == k).unwrap_or(
                        CheckinTarget::Titles {
                            objective: o,
                            key_result: k,
                        },
                    )
                }
                _ => {
                    errors.push(format!("{at}: a check-in needs the key result's ref (`objective-id/kr-id`), or its objective and key result titles"));
                    continue;
                }
            }
        };
        let Some(date) = row.date(Field::Date, errors) else {
            if row.cell(Field::Date).is_none() {
                errors.push(format!("{at}: a check-in without a date"));
            }
            continue;
        };
        let value_field = [Field::Value, Field::Current, Field::Done]
            .into_iter()
            .find(|f| row.cell(*f).is_some());
        let value = match value_field {
            None => {
                errors.push(format!("{at}: a check-in without a value"));
                continue;
            }
            Some(Field::Done) => match row.done(Field::Done, errors) {
                Some(b) => CheckinValue::Done(b),
                None => continue,
            },
            Some(f) => {
                let text = row.cell(f).map(Cell::text).unwrap_or_default();
                match (row.cell(f), parse_quantity(&text), parse_done(&text)) {
                    (Some(Cell::Number(x)), _, _) => CheckinValue::Number(*x),
                    (_, Ok(q), _) => CheckinValue::Number(q.value),
                    (_, Err(_), Ok(b)) => CheckinValue::Done(b),
                    (_, Err(e), Err(_)) => {
                        errors.push(format!("{}: {e}", row.at(f)));
                        continue;
                    }
                }
            }
        };
        let author = row
            .text(Field::Author, 200)
            .or_else(|| row.text(Field::Owner, 200))
            .map(|name| plan.person(Some(&name), None));
        plan.checkins.push(PlannedCheckin {
            target,
            date,
            author,
            value,
            confidence: row.fraction(Field::Confidence, errors),
            note: row.text(Field::Note, MAX_NOTE_CHARS),
            at,
        });
    }
}

/// The plan's key result that fits both tests.
fn find_planned(
    plan: &Plan,
    objective: impl Fn(&PlannedObjective) -> bool,
    key_result: impl Fn(&KeyResult) -> bool,
) -> Option<CheckinTarget> {
    plan.objectives.iter().enumerate().find_map(|(i, po)| {
        if !objective(po) {
            return None;
        }
        let j = po.objective.key_results.iter().position(&key_result)?;
        Some(CheckinTarget::Planned {
            objective: i,
            key_result: j,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            name: "okrs.csv".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| t(c)).collect())
                .collect(),
        }
    }

    #[test]
    fn merged_cells_fill_down() {
        let sheet = table(&[
            &["2026 Q4 OKR 规划"],
            &[
                "周期",
                "团队",
                "目标",
                "关键结果",
                "负责人",
                "起始值",
                "目标值",
                "当前值",
            ],
            &[
                "2026年第四季度",
                "增长组",
                "提高新用户留存",
                "次日留存",
                "王芳",
                "18%",
                "30%",
                "22%",
            ],
            &["", "", "", "七日留存", "李伟", "8", "15", "9"],
            &[
                "",
                "",
                "Grow revenue",
                "ARR",
                "王芳",
                "3,600,000",
                "5,000,000 USD",
                "3,637,839",
            ],
        ]);
        let plan = plan("csv", &[sheet], &BTreeMap::new()).unwrap();
        assert_eq!(plan.objectives.len(), 2);
        let o = &plan.objectives[0];
        assert_eq!(o.cycle.as_deref(), Some("2026-Q4"));
        assert_eq!(o.objective.key_results.len(), 2);
        assert_eq!(o.objective.key_results[0].unit.as_deref(), Some("%"));
        assert_eq!(o.objective.key_results[0].current, Some(22.0));
        let o2 = &plan.objectives[1];
        assert_eq!(
            o2.team, o.team,
            "the team cell is merged over both objectives"
        );
        assert_eq!(o2.objective.key_results[0].current, Some(3_637_839.0));
        assert_eq!(o2.objective.key_results[0].unit.as_deref(), Some("USD"));
        assert_eq!(plan.people.len(), 2);
        assert!(plan.mapping.iter().any(|m| m.contains("关键结果")));
    }

    #[test]
    fn errors_name_the_row_and_column() {
        let sheet = table(&[&["Objective", "Key result", "Target"], &["A", "k", "lots"]]);
        let e = plan("csv", &[sheet], &BTreeMap::new()).unwrap_err();
        assert!(e.contains("okrs.csv row 2, column C `Target`"), "{e}");
        let sheet = table(&[&["Name", "Comment"], &["a", "b"]]);
        let e = plan("csv", &[sheet], &BTreeMap::new()).unwrap_err();
        assert!(e.contains("no header row"), "{e}");
    }

    #[test]
    fn checkin_sheets_name_key_results() {
        let okrs = table(&[
            &["Objective", "Key result", "Start", "Target"],
            &["Grow", "Signups", "0", "100"],
        ]);
        let checkins = table(&[
            &[
                "Objective",
                "Key result",
                "Date",
                "Value",
                "Confidence",
                "Note",
            ],
            &["Grow", "Signups", "2026/10/05", "10", "70%", "first week"],
            &["", "Signups", "2026-10-12", "25", "", ""],
            &["Other", "Thing", "2026-10-12", "done", "", ""],
        ]);
        let plan = plan("csv", &[okrs, checkins], &BTreeMap::new()).unwrap();
        assert_eq!(plan.checkins.len(), 3);
        assert_eq!(
            plan.checkins[0].target,
            CheckinTarget::Planned {
                objective: 0,
                key_result: 0
            }
        );
        assert_eq!(plan.checkins[0].confidence, Some(0.7));
        assert_eq!(plan.checkins[1].date.to_string(), "2026-10-12");
        assert_eq!(plan.checkins[2].value, CheckinValue::Done(true));
        let bad = table(&[&["Ref", "Date", "Value"], &["a/b", "10/05/2026", "1"]]);
        let e = super::plan("csv", &[bad], &BTreeMap::new()).unwrap_err();
        assert!(e.contains("row 2") && e.contains("year first"), "{e}");
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }
}
