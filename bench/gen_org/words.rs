//! The word pools of the generated organisation: names, teams, themes, metrics.

#[rustfmt::skip]
pub(crate) const SURNAMES: [(&str, &str); 24] = [
    ("wang", "王"), ("li", "李"), ("zhang", "张"), ("liu", "刘"), ("chen", "陈"), ("yang", "杨"),
    ("huang", "黄"), ("zhao", "赵"), ("wu", "吴"), ("zhou", "周"), ("xu", "徐"), ("sun", "孙"),
    ("ma", "马"), ("zhu", "朱"), ("hu", "胡"), ("guo", "郭"), ("he", "何"), ("gao", "高"),
    ("lin", "林"), ("luo", "罗"), ("zheng", "郑"), ("liang", "梁"), ("song", "宋"), ("tang", "唐"),
];
#[rustfmt::skip]
pub(crate) const GIVEN: [(&str, &str); 26] = [
    ("fang", "芳"), ("wei", "伟"), ("min", "敏"), ("jing", "静"), ("qiang", "强"), ("lei", "磊"),
    ("yan", "燕"), ("jie", "杰"), ("tao", "涛"), ("ming", "明"), ("chao", "超"), ("xia", "霞"),
    ("ping", "萍"), ("gang", "刚"), ("hui", "慧"), ("yun", "云"), ("hao", "浩"), ("ning", "宁"),
    ("xin", "欣"), ("bo", "博"), ("yifan", "一帆"), ("zixuan", "子轩"), ("shiyu", "诗雨"),
    ("jiahui", "佳慧"), ("mingyu", "明宇"), ("xiaoyu", "晓宇"),
];
#[rustfmt::skip]
pub(crate) const FIRST: [&str; 20] = [
    "anna", "ben", "clara", "daniel", "eva", "felix", "gina", "hugo", "ines", "jonas", "kate",
    "leo", "mia", "nils", "oscar", "paula", "ravi", "sofia", "tom", "vera",
];
#[rustfmt::skip]
pub(crate) const LAST: [&str; 20] = [
    "kim", "garcia", "novak", "okafor", "silva", "tanaka", "weber", "nguyen", "rossi", "dubois",
    "larsen", "moreau", "patel", "schmidt", "costa", "ivanova", "bauer", "haddad", "lund", "park",
];

/// Departments under the company: id, English name, Chinese name.
#[rustfmt::skip]
pub(crate) const DEPARTMENTS: [(&str, &str, &str); 14] = [
    ("product", "Product", "产品部"), ("engineering", "Engineering", "工程部"),
    ("sales", "Sales", "销售部"), ("marketing", "Marketing", "市场部"),
    ("operations", "Operations", "运营部"), ("finance", "Finance", "财务部"),
    ("hr", "People", "人力资源部"), ("support", "Support", "客户服务部"),
    ("research", "Research", "研究院"), ("legal", "Legal", "法务部"),
    ("security", "Security", "信息安全部"), ("data", "Data", "数据中心"),
    ("design", "Design", "设计部"), ("partners", "Partnerships", "合作发展部"),
];

/// Teams below a department: id, English name, Chinese name.
#[rustfmt::skip]
pub(crate) const SEGMENTS: [(&str, &str, &str); 48] = [
    ("growth", "Growth", "增长"), ("platform", "Platform", "平台"), ("mobile", "Mobile", "移动端"),
    ("web", "Web", "网页端"), ("infra", "Infrastructure", "基础架构"), ("payments", "Payments", "支付"),
    ("search", "Search", "搜索"), ("billing", "Billing", "计费"), ("analytics", "Analytics", "数据分析"),
    ("qa", "QA", "测试"), ("sre", "SRE", "运维"), ("storage", "Storage", "存储"),
    ("network", "Network", "网络"), ("accounts", "Accounts", "账号"), ("enterprise", "Enterprise", "企业客户"),
    ("smb", "Small Business", "中小客户"), ("apac", "APAC", "亚太"), ("emea", "EMEA", "欧洲"),
    ("americas", "Americas", "美洲"), ("content", "Content", "内容"), ("brand", "Brand", "品牌"),
    ("events", "Events", "活动"), ("pricing", "Pricing", "定价"), ("ml", "Machine Learning", "机器学习"),
    ("translation", "Translation Engine", "翻译引擎"), ("reader", "Reader", "阅读器"),
    ("audio", "Audiobooks", "有声书"), ("devtools", "Developer Tools", "开发工具"),
    ("api", "Open API", "开放平台"), ("desktop", "Desktop", "桌面端"), ("sync", "Sync", "同步"),
    ("push", "Notifications", "消息推送"), ("l10n", "Localization", "本地化"),
    ("compliance", "Compliance", "合规"), ("procurement", "Procurement", "采购"),
    ("recruiting", "Recruiting", "招聘"), ("training", "Training", "培训"),
    ("release", "Release Engineering", "发布工程"), ("monitoring", "Monitoring", "监控"),
    ("database", "Database", "数据库"), ("edge", "Edge", "边缘节点"), ("community", "Community", "社区"),
    ("ads", "Ads", "广告"), ("crm", "CRM", "客户关系"), ("success", "Customer Success", "客户成功"),
    ("risk", "Risk", "风控"), ("catalog", "Catalog", "书目"), ("rights", "Rights", "版权"),
];

/// Objective themes: id suffix, English title, Chinese title.
#[rustfmt::skip]
pub(crate) const THEMES: [(&str, &str, &str); 26] = [
    ("retention", "Readers come back every week", "让读者每周都回来"),
    ("reliability", "A service readers can count on", "让读者放心依赖的服务"),
    ("speed", "Ship small changes every day", "每天都能安全地发布小改动"),
    ("revenue", "Grow recurring revenue from schools", "提高学校客户的经常性收入"),
    ("cost", "Halve the cost of a translated page", "把每页翻译成本降低一半"),
    ("quality", "Translations readers trust", "让读者信任的译文质量"),
    ("hiring", "Hire the team for 2027", "为 2027 年组建团队"),
    ("trust", "Security by default", "默认安全，赢得信任"),
    ("onboarding", "A first chapter in five minutes", "五分钟读完第一章"),
    ("asia", "Launch in Japan and Korea", "进入日本和韩国市场"),
    ("support", "Answers within the hour", "一小时内回复每位读者"),
    ("insight", "Decisions backed by data", "用数据支撑每个决定"),
    ("devex", "Builds that never block anyone", "构建不再阻塞任何人"),
    ("brand", "The reading app people recommend", "成为大家愿意推荐的阅读应用"),
    ("focus", "Fewer projects, finished", "少做几件事，做完做好"),
    ("audit", "Audit-ready every day", "每天都经得起审计"),
    ("assistant", "An assistant that explains hard passages", "能讲解难懂段落的阅读助手"),
    ("mobile", "The best reader on a phone", "手机上最好的阅读体验"),
    ("partners", "Publishers who grow with us", "与出版社共同成长"),
    ("self-serve", "Customers who help themselves", "让客户自助解决问题"),
    ("observability", "See problems before readers do", "先于读者发现问题"),
    ("docs", "Docs that answer the question", "能回答问题的文档"),
    ("community", "Translators who help each other", "译者互助的社区"),
    ("offline", "Reading without a connection", "离线也能顺畅阅读"),
    ("latency", "Pages that open instantly", "页面秒开"),
    ("catalog", "Every classic in every language", "每本经典都有每种语言"),
];

/// A number to move: id, English, Chinese, unit, direction (+1 up, -1 down),
/// low and high start values in units of 10^-decimals, decimals.
pub(crate) type Metric = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    i64,
    u32,
);

#[rustfmt::skip]
pub(crate) const METRICS: [Metric; 16] = [
    ("signup-rate", "sign-up conversion", "注册转化率", "%", 1, 50, 300, 1),
    ("d30", "30-day retention", "30 日留存率", "%", 1, 150, 400, 1),
    ("nps", "NPS", "净推荐值", "pts", 1, 10, 45, 0),
    ("wau", "weekly active readers", "周活跃读者", "readers", 1, 20_000, 900_000, 0),
    ("arr", "ARR", "年度经常性收入", "万元", 1, 500, 20_000, 0),
    ("coverage", "test coverage", "单元测试覆盖率", "%", 1, 400, 750, 1),
    ("deploys", "deploys per week", "每周部署次数", "deploys", 1, 3, 30, 0),
    ("books", "books translated", "已翻译图书", "books", 1, 100, 5_000, 0),
    ("seats", "paid seats", "付费席位", "seats", 1, 1_000, 50_000, 0),
    ("hires", "engineers hired", "工程师到岗", "people", 1, 0, 0, 0),
    ("p99", "p99 latency", "P99 延迟", "ms", -1, 250, 900, 0),
    ("churn", "monthly churn", "月流失率", "%", -1, 20, 80, 1),
    ("incidents", "P1 incidents", "P1 故障数", "incidents", -1, 4, 15, 0),
    ("build-time", "CI build time", "CI 构建时长", "min", -1, 12, 45, 0),
    ("unit-cost", "cost per 1,000 pages", "每千页成本", "CNY", -1, 50, 300, 2),
    ("first-reply", "first reply time", "首次回复时间", "h", -1, 40, 240, 1),
];

/// Levels to hold: id, English, Chinese, unit, keep above (else below), low and
/// high bound in units of 10^-decimals, decimals.
pub(crate) type Level = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    i64,
    i64,
    u32,
);

#[rustfmt::skip]
pub(crate) const LEVELS: [Level; 7] = [
    ("uptime", "availability", "可用性", "%", true, 9950, 9995, 2),
    ("error-rate", "error rate", "错误率", "%", false, 50, 200, 2),
    ("p95", "p95 page load", "P95 页面加载时间", "ms", false, 300, 900, 0),
    ("crash-free", "crash-free sessions", "无崩溃会话占比", "%", true, 9900, 9980, 2),
    ("backlog", "open tickets", "未结工单", "tickets", false, 100, 500, 0),
    ("csat", "CSAT", "客户满意度", "%", true, 800, 900, 1),
    ("budget", "monthly cloud spend", "每月云支出", "万元", false, 100, 500, 0),
];

/// Milestones: id, English, Chinese.
#[rustfmt::skip]
pub(crate) const MILESTONES: [(&str, &str, &str); 12] = [
    ("launch-schools", "Launch the schools edition", "上线学校版"),
    ("pg-upgrade", "Move the main database to PostgreSQL 17", "主数据库升级到 PostgreSQL 17"),
    ("soc2", "Pass the SOC 2 Type I audit", "通过 SOC 2 Type I 审计"),
    ("sso", "Ship single sign-on for schools", "为学校上线单点登录"),
    ("pricing-page", "Publish the new pricing page", "发布新版定价页"),
    ("runbooks", "A runbook for every service", "每个服务都有值班手册"),
    ("dashboard", "Launch the reading dashboard", "上线阅读数据看板"),
    ("tokyo", "Open the Tokyo region", "开通东京节点"),
    ("design-v3", "Release design system v3", "发布设计系统 v3"),
    ("assistant-beta", "Open the assistant beta", "开放阅读助手公测"),
    ("plan-2027", "Agree the 2027 plan", "确定 2027 年计划"),
    ("publishers", "Sign five publishers", "签约五家出版社"),
];

#[rustfmt::skip]
pub(crate) const INITIATIVES: [&str; 12] = [
    "新注册流程 A/B 测试",
    "Rewrite the welcome emails",
    "Weekly reliability review",
    "引入灰度发布",
    "Reader advisory panel",
    "迁移到新的 CI 集群",
    "Dogfood the Android app",
    "建立值班轮换",
    "Interview 20 readers who left",
    "统一埋点规范",
    "Translator office hours",
    "清理技术债清单",
];

pub(crate) const HEADERS: [&str; 4] = [
    "Agreed in the planning meeting on 2026-09-25.",
    "季度规划会已确认；修改请先在周会上讨论。",
    "Numbers come from the reading dashboard unless noted.",
    "Owners update their key results every Friday.",
];
pub(crate) const INLINE_COMMENTS: [&str; 5] = [
    "from the dashboard",
    "口径：自然周",
    "baseline: September",
    "见周报",
    "measured weekly",
];
