//! `sqlite` sources: a database file inside the repository (or named in an
//! environment variable), opened read-only; `sql:` with `:as_of` bound as text.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::{FetchError, Request, env_secret, inert, inside_root, iso, number, timeout};

pub fn fetch(req: &Request<'_>, secrets: &mut Vec<String>) -> Result<f64, FetchError> {
    let decl = req
        .decl
        .ok_or_else(|| FetchError::Config("a sqlite source is declared in okr.yaml".into()))?;
    let sql = req.source.sql.as_deref().ok_or_else(|| {
        FetchError::Config(format!(
            "source `{}` is a sqlite database; the key result's `source:` needs `sql:`",
            req.name
        ))
    })?;
    let path = match (&decl.path, &decl.url_env) {
        (Some(path), _) => inside_root(req, path)?,
        (None, Some(var)) => std::path::PathBuf::from(env_secret(req, var, "url-env", secrets)?),
        (None, None) => {
            return Err(FetchError::Config(format!(
                "source `{}` (sqlite) needs `path:` (a file inside the repository) or `url-env:`",
                req.name
            )));
        }
    };
    if !path.is_file() {
        return Err(FetchError::Connect(format!(
            "no database file at {}",
            inert(&path.display().to_string())
        )));
    }
    let conn = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| FetchError::Connect(inert(&e.to_string())))?;
    // A query from an OKR file reads this database only: no ATTACH of others.
    let _ = conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0);

    // Interrupt the query when the timeout passes.
    let limit = timeout(req);
    let interrupted = Arc::new(AtomicBool::new(false));
    let (done, wait) = mpsc::channel::<()>();
    let handle = conn.get_interrupt_handle();
    let flag = interrupted.clone();
    let watchdog = std::thread::spawn(move || {
        if wait.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
            flag.store(true, Ordering::SeqCst);
            handle.interrupt();
        }
    });
    let result = query(&conn, sql, &iso(req.as_of));
    let _ = done.send(());
    let _ = watchdog.join();
    match result {
        Err(_) if interrupted.load(Ordering::SeqCst) => Err(FetchError::Timeout(limit)),
        other => other,
    }
}

fn query(conn: &Connection, sql: &str, as_of: &str) -> Result<f64, FetchError> {
    let server = |e: rusqlite::Error| FetchError::Server(inert(&e.to_string()));
    let mut stmt = conn.prepare(sql).map_err(server)?;
    for i in 1..=stmt.parameter_count() {
        match stmt.parameter_name(i) {
            Some(":as_of") => stmt.raw_bind_parameter(i, as_of).map_err(server)?,
            other => {
                return Err(FetchError::Config(format!(
                    "the query has the parameter `{}`; the only one okr binds is `:as_of`",
                    inert(other.unwrap_or("?"))
                )));
            }
        }
    }
    let columns = stmt.column_count();
    if columns != 1 {
        return Err(FetchError::Several {
            count: columns,
            what: "columns",
        });
    }
    let mut rows = stmt.raw_query();
    let Some(row) = rows.next().map_err(server)? else {
        return Err(FetchError::Empty("no rows".into()));
    };
    let value = match row.get_ref(0).map_err(server)? {
        ValueRef::Integer(i) => Ok(i as f64),
        ValueRef::Real(f) if f.is_finite() => Ok(f + 0.0),
        ValueRef::Real(f) => Err(FetchError::NotANumber(f.to_string())),
        ValueRef::Text(t) => number(&String::from_utf8_lossy(t)),
        ValueRef::Null => Err(FetchError::NotANumber("NULL".into())),
        ValueRef::Blob(_) => Err(FetchError::NotANumber("a blob".into())),
    };
    let mut more = 1;
    while rows.next().map_err(server)?.is_some() {
        more += 1;
        if more > 1000 {
            break;
        }
    }
    if more > 1 {
        let count = more;
        return Err(FetchError::Several {
            count,
            what: if count > 1000 { "rows or more" } else { "rows" },
        });
    }
    value
}
