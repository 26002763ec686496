//! Which column of a sheet holds what: guessed from common headers in English
//! and Chinese, or given by a map (`objective: 目标名称`).

use std::collections::BTreeMap;

/// What a column can hold. The names are the keys of a `--map` file; the
/// headers are what `okr export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Cycle,
    Team,
    Person,
    ObjectiveId,
    Objective,
    ObjectiveOwner,
    Status,
    Kind,
    Origin,
    Aligns,
    KrId,
    Ref,
    KeyResult,
    Owner,
    Start,
    Target,
    Current,
    Unit,
    Done,
    Due,
    KeepAbove,
    KeepBelow,
    Confidence,
    Weight,
    Score,
    Expected,
    Health,
    LastCheckin,
    Date,
    Value,
    Note,
    Author,
}

impl Field {
    /// Every field, in the order `okr export` writes the columns of key results.
    pub const ALL: [Field; 32] = [
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
        Field::KrId,
        Field::Ref,
        Field::KeyResult,
        Field::Owner,
        Field::Start,
        Field::Target,
        Field::Current,
        Field::Unit,
        Field::Done,
        Field::Due,
        Field::KeepAbove,
        Field::KeepBelow,
        Field::Confidence,
        Field::Weight,
        Field::Score,
        Field::Expected,
        Field::Health,
        Field::LastCheckin,
        Field::Date,
        Field::Value,
        Field::Note,
        Field::Author,
    ];

    /// The key of the field in a `--map` file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Cycle => "cycle",
            Field::Team => "team",
            Field::Person => "person",
            Field::ObjectiveId => "objective_id",
            Field::Objective => "objective",
            Field::ObjectiveOwner => "objective_owner",
            Field::Status => "status",
            Field::Kind => "kind",
            Field::Origin => "origin",
            Field::Aligns => "aligns",
            Field::KrId => "kr_id",
            Field::Ref => "ref",
            Field::KeyResult => "key_result",
            Field::Owner => "owner",
            Field::Start => "start",
            Field::Target => "target",
            Field::Current => "current",
            Field::Unit => "unit",
            Field::Done => "done",
            Field::Due => "due",
            Field::KeepAbove => "keep_above",
            Field::KeepBelow => "keep_below",
            Field::Confidence => "confidence",
            Field::Weight => "weight",
            Field::Score => "score",
            Field::Expected => "expected",
            Field::Health => "health",
            Field::LastCheckin => "last_checkin",
            Field::Date => "date",
            Field::Value => "value",
            Field::Note => "note",
            Field::Author => "author",
        }
    }

    /// The header `okr export` writes.
    pub fn header(self) -> &'static str {
        match self {
            Field::Cycle => "Cycle",
            Field::Team => "Team",
            Field::Person => "Person",
            Field::ObjectiveId => "Objective ID",
            Field::Objective => "Objective",
            Field::ObjectiveOwner => "Objective owner",
            Field::Status => "Status",
            Field::Kind => "Kind",
            Field::Origin => "Origin",
            Field::Aligns => "Aligns",
            Field::KrId => "KR ID",
            Field::Ref => "Ref",
            Field::KeyResult => "Key result",
            Field::Owner => "Owner",
            Field::Start => "Start",
            Field::Target => "Target",
            Field::Current => "Current",
            Field::Unit => "Unit",
            Field::Done => "Done",
            Field::Due => "Due",
            Field::KeepAbove => "Keep above",
            Field::KeepBelow => "Keep below",
            Field::Confidence => "Confidence",
            Field::Weight => "Weight",
            Field::Score => "Score",
            Field::Expected => "Expected",
            Field::Health => "Health",
            Field::LastCheckin => "Last check-in",
            Field::Date => "Date",
            Field::Value => "Value",
            Field::Note => "Note",
            Field::Author => "Author",
        }
    }

    /// Columns `okr export` computes from the others; an import reads past them.
    pub fn computed(self) -> bool {
        matches!(
            self,
            Field::Score | Field::Expected | Field::Health | Field::LastCheckin
        )
    }

    /// The field a `--map` key names.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Headers people write for this field, normalised (see [`normalize`]).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Cycle => &[
                "cycle",
                "quarter",
                "period",
                "timeperiod",
                "timeframe",
                "okrcycle",
                "周期",
                "季度",
                "时间段",
                "周期季度",
                "okr周期",
            ],
            Field::Team => &[
                "team",
                "department",
                "dept",
                "group",
                "团队",
                "部门",
                "小组",
                "组",
            ],
            Field::Person => &["person", "personal", "个人"],
            Field::ObjectiveId => &["objectiveid", "oid", "目标id", "目标编号"],
            Field::Objective => &[
                "objective",
                "objectives",
                "o",
                "objectivetitle",
                "目标",
                "目标名称",
                "目标o",
                "o目标",
                "目标内容",
            ],
            Field::ObjectiveOwner => &[
                "objectiveowner",
                "oowner",
                "目标负责人",
                "o负责人",
                "目标owner",
            ],
            Field::Status => &["status", "objectivestatus", "状态"],
            Field::Kind => &["kind", "objectivekind", "type", "类型", "目标类型"],
            Field::Origin => &["origin", "来源"],
            Field::Aligns => &[
                "aligns",
                "alignsto",
                "alignment",
                "parent",
                "对齐",
                "上级目标",
                "对齐目标",
            ],
            Field::KrId => &[
                "krid",
                "keyresultid",
                "kr编号",
                "关键结果id",
                "关键结果编号",
            ],
            Field::Ref => &["ref", "reference", "kr引用"],
            Field::KeyResult => &[
                "keyresult",
                "keyresults",
                "kr",
                "krs",
                "krtitle",
                "keyresulttitle",
                "关键结果",
                "关键成果",
                "关键结果kr",
                "kr关键结果",
                "关键结果名称",
            ],
            Field::Owner => &[
                "owner",
                "krowner",
                "keyresultowner",
                "assignee",
                "responsible",
                "负责人",
                "kr负责人",
                "关键结果负责人",
                "责任人",
                "执行人",
            ],
            Field::Start => &[
                "start",
                "startvalue",
                "baseline",
                "initial",
                "initialvalue",
                "from",
                "起始值",
                "初始值",
                "基线",
                "基准值",
                "起点",
                "开始值",
            ],
            Field::Target => &[
                "target",
                "targetvalue",
                "goal",
                "to",
                "目标值",
                "目标数值",
                "期望值",
                "预期值",
            ],
            Field::Current => &[
                "current",
                "currentvalue",
                "actual",
                "progressvalue",
                "当前值",
                "实际值",
                "完成值",
                "当前",
                "现值",
                "实际完成",
            ],
            Field::Unit => &["unit", "metricunit", "units", "单位"],
            Field::Done => &["done", "completed", "是否完成", "已完成"],
            Field::Due => &[
                "due",
                "duedate",
                "deadline",
                "截止日期",
                "截止时间",
                "到期日",
            ],
            Field::KeepAbove => &["keepabove", "atleast", "不低于", "保持在以上"],
            Field::KeepBelow => &["keepbelow", "atmost", "不高于", "保持在以下"],
            Field::Confidence => &[
                "confidence",
                "confidencelevel",
                "信心",
                "信心指数",
                "信心值",
            ],
            Field::Weight => &["weight", "权重"],
            Field::Score => &["score", "得分", "评分", "分数"],
            Field::Expected => &["expected", "expectedprogress", "预期进度"],
            Field::Health => &["health", "健康度", "健康状态"],
            Field::LastCheckin => &["lastcheckin", "最近更新", "最后更新"],
            Field::Date => &[
                "date",
                "checkindate",
                "updated",
                "day",
                "日期",
                "更新日期",
                "打卡日期",
                "时间",
            ],
            Field::Value => &[
                "value",
                "newvalue",
                "checkinvalue",
                "数值",
                "进展值",
                "更新值",
            ],
            Field::Note => &[
                "note",
                "notes",
                "comment",
                "comments",
                "checkinnote",
                "备注",
                "说明",
                "进展说明",
            ],
            Field::Author => &[
                "author",
                "by",
                "updatedby",
                "checkinowner",
                "更新人",
                "提交人",
            ],
        }
    }
}

/// A header as compared with the synonyms: lowercase, without spaces,
/// punctuation or brackets, full-width letters made ASCII.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            };
            (c.is_alphanumeric()).then(|| c.to_lowercase().next().unwrap_or(c))
        })
        .collect()
}

/// The field a header names, when it is a common one.
pub fn guess(header: &str) -> Option<Field> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.synonyms().contains(&h.as_str()))
}

/// Which column holds each field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    pub by_field: BTreeMap<Field, usize>,
    /// Columns that hold nothing okr reads: (index, header).
    pub unknown: Vec<(usize, String)>,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.by_field.get(&field).copied()
    }

    pub fn has(&self, field: Field) -> bool {
        self.by_field.contains_key(&field)
    }
}

/// Maps headers to fields: through `map` (field -> header) first, then by
/// guessing; the first column that fits a field takes it.
pub fn map_headers(headers: &[String], map: &BTreeMap<Field, String>) -> Result<Columns, String> {
    let mut columns = Columns::default();
    for (field, header) in map {
        let wanted = normalize(header);
        match headers
            .iter()
            .position(|h| normalize(h) == wanted && !wanted.is_empty())
        {
            Some(i) => {
                columns.by_field.insert(*field, i);
            }
            None => {
                return Err(format!(
                    "the map says `{}` is in the column `{}`, but the sheet has no such column (its columns: {})",
                    field.key(),
                    super::numbers::short(header),
                    headers
                        .iter()
                        .filter(|h| !h.trim().is_empty())
                        .map(|h| super::numbers::short(h))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    for (i, header) in headers.iter().enumerate() {
        if columns.by_field.values().any(|&c| c == i) {
            continue;
        }
        match guess(header) {
            Some(f) if !columns.by_field.contains_key(&f) => {
                columns.by_field.insert(f, i);
            }
            _ if header.trim().is_empty() => {}
            _ => columns.unknown.push((i, header.clone())),
        }
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_headers() {
        for (h, f) in [
            ("Objective", Field::Objective),
            ("目标", Field::Objective),
            ("目标值", Field::Target),
            ("关键结果（KR）", Field::KeyResult),
            ("Key Results", Field::KeyResult),
            ("负责人", Field::Owner),
            ("团队", Field::Team),
            ("起始值", Field::Start),
            ("当前值", Field::Current),
            ("周期", Field::Cycle),
            ("Quarter", Field::Cycle),
            ("Start value", Field::Start),
            ("KR owner", Field::Owner),
            ("信心指数", Field::Confidence),
            ("Last check-in", Field::LastCheckin),
            ("ＫＲ", Field::KeyResult),
        ] {
            assert_eq!(guess(h), Some(f), "{h}");
        }
        assert_eq!(guess("Comments from the board"), None);
        assert_eq!(guess(""), None);
    }

    #[test]
    fn export_headers_read_back() {
        for f in Field::ALL {
            assert_eq!(guess(f.header()), Some(f), "{}", f.header());
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
    }

    #[test]
    fn a_map_wins_over_guessing() {
        let headers: Vec<String> = ["目标", "KR", "Progress", "备注"]
            .map(String::from)
            .to_vec();
        let mut map = BTreeMap::new();
        map.insert(Field::Current, "progress".to_owned());
        let c = map_headers(&headers, &map).unwrap();
        assert_eq!(c.get(Field::Objective), Some(0));
        assert_eq!(c.get(Field::KeyResult), Some(1));
        assert_eq!(c.get(Field::Current), Some(2));
        assert_eq!(c.get(Field::Note), Some(3));
        map.insert(Field::Target, "Goal!".to_owned());
        let e = map_headers(&headers, &map).unwrap_err();
        assert!(e.contains("`target`") && e.contains("Goal!"), "{e}");
    }
}
