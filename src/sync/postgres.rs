//! `postgres` sources: TLS when the server offers it (`sslmode=prefer`, or
//! `sslmode=require` in the URL), one read-only transaction with a statement timeout;
//! `:as_of` becomes the literal `'2026-12-01T00:00:00Z'`, which PostgreSQL
//! reads as a timestamp, a date or text as the comparison needs.

use std::error::Error as _;
use std::str::FromStr;

use postgres::Config;
use postgres::types::{FromSql, Type};

use super::{FetchError, Request, env_secret, inert, iso, number, timeout};

/// Rows counted in an answer that has too many.
const MAX_ROWS: i32 = 1000;

pub fn fetch(req: &Request<'_>, secrets: &mut Vec<String>) -> Result<f64, FetchError> {
    let decl = req
        .decl
        .ok_or_else(|| FetchError::Config("a postgres source is declared in okr.yaml".into()))?;
    let sql = req.source.sql.as_deref().ok_or_else(|| {
        FetchError::Config(format!(
            "source `{}` is a PostgreSQL database; the key result's `source:` needs `sql:`",
            req.name
        ))
    })?;
    let url = match (&decl.url_env, &decl.url) {
        (Some(var), _) => env_secret(req, var, "url-env", secrets)?,
        (None, Some(url)) => {
            super::remember(secrets, url);
            url.clone()
        }
        (None, None) => {
            return Err(FetchError::Config(format!(
                "source `{}` (postgres) needs `url-env:`, the name of the environment variable that holds its URL",
                req.name
            )));
        }
    };
    let limit = timeout(req);
    let mut config = Config::from_str(&url).map_err(|e| {
        FetchError::Config(format!(
            "the URL of source `{}` is not a PostgreSQL connection string: {}",
            req.name,
            inert(&e.to_string())
        ))
    })?;
    config.connect_timeout(limit);
    config.application_name("okr sync");
    let tls = tls()?;
    let sql = with_as_of(sql, &iso(req.as_of));
    // The connection and the query run on a thread of their own: a server that
    // accepts the connection and then says nothing cannot hold okr past the
    // timeout (and a second more for the server's own statement timeout).
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(query(&config, tls, &sql, limit));
    });
    match receive.recv_timeout(limit + std::time::Duration::from_secs(1)) {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout(limit)),
    }
}

fn query(
    config: &Config,
    tls: rustls_tokio_postgres::MakeRustlsConnect,
    sql: &str,
    limit: std::time::Duration,
) -> Result<f64, FetchError> {
    let mut client = config.connect(tls).map_err(|e| classify(&e, limit))?;
    let millis = limit.as_millis().max(1);
    let mut tx = client
        .build_transaction()
        .read_only(true)
        .start()
        .map_err(|e| classify(&e, limit))?;
    tx.batch_execute(&format!("SET LOCAL statement_timeout = {millis}"))
        .map_err(|e| classify(&e, limit))?;
    // A portal fetches at most 1001 rows: a query that returns a whole table
    // costs neither the memory nor the time of reading it.
    let portal = tx.bind(sql, &[]).map_err(|e| classify(&e, limit))?;
    let rows = tx
        .query_portal(&portal, MAX_ROWS + 1)
        .map_err(|e| classify(&e, limit))?;
    let _ = tx.rollback();
    let Some(row) = rows.first() else {
        return Err(FetchError::Empty("no rows".into()));
    };
    if row.len() != 1 {
        return Err(FetchError::Several {
            count: row.len(),
            what: "columns",
        });
    }
    if rows.len() > 1 {
        return Err(FetchError::Several {
            count: rows.len(),
            what: if rows.len() > MAX_ROWS as usize {
                "rows or more"
            } else {
                "rows"
            },
        });
    }
    match row.try_get::<_, Option<Num>>(0) {
        Ok(Some(Num(Ok(x)))) => Ok(x),
        Ok(Some(Num(Err(e)))) => Err(e),
        Ok(None) => Err(FetchError::NotANumber("NULL".into())),
        Err(_) => Err(FetchError::NotANumber(format!(
            "a value of type {}",
            row.columns()[0].type_().name()
        ))),
    }
}

/// TLS with the web's root certificates (the same as the HTTP sources').
fn tls() -> Result<rustls_tokio_postgres::MakeRustlsConnect, FetchError> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| FetchError::Config(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(rustls_tokio_postgres::MakeRustlsConnect::new(config))
}

/// Connection errors, timeouts and the server's own messages apart.
fn classify(e: &postgres::Error, limit: std::time::Duration) -> FetchError {
    if let Some(db) = e.as_db_error() {
        // 57014: query_canceled, which statement_timeout raises.
        if db.code().code() == "57014" {
            return FetchError::Timeout(limit);
        }
        let mut message = format!("{}: {}", db.severity(), db.message());
        if let Some(hint) = db.hint() {
            message.push_str(&format!(" (hint: {hint})"));
        }
        return FetchError::Server(inert(&message));
    }
    let text = match e.source() {
        Some(source) => format!("{e}: {source}"),
        None => e.to_string(),
    };
    if text.contains("timed out") || text.contains("timeout") {
        return FetchError::Timeout(limit);
    }
    FetchError::Connect(inert(&text))
}

/// `:as_of` (not `::as_of`, not `:as_of_x`) replaced by the quoted as-of time.
fn with_as_of(sql: &str, as_of: &str) -> String {
    const NAME: &str = ":as_of";
    let mut out = String::with_capacity(sql.len() + 16);
    let mut rest = sql;
    while let Some(i) = rest.find(NAME) {
        let before = rest[..i].chars().last();
        let after = rest[i + NAME.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before == Some(':') || after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            out.push_str(NAME);
        } else {
            out.push_str(&format!("'{as_of}'"));
        }
        rest = &rest[i + NAME.len()..];
    }
    out.push_str(rest);
    out
}

/// A number of any numeric or text column.
struct Num(Result<f64, FetchError>);

impl<'a> FromSql<'a> for Num {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        let value = match *ty {
            Type::INT2 => f64::from(i16::from_sql(ty, raw)?),
            Type::INT4 => f64::from(i32::from_sql(ty, raw)?),
            Type::INT8 => i64::from_sql(ty, raw)? as f64,
            Type::FLOAT4 => f64::from(f32::from_sql(ty, raw)?),
            Type::FLOAT8 => f64::from_sql(ty, raw)?,
            Type::NUMERIC => return Ok(Num(numeric(raw))),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                return Ok(Num(number(<&str>::from_sql(ty, raw)?)));
            }
            _ => return Err(format!("type {} is not a number", ty.name()).into()),
        };
        Ok(Num(if value.is_finite() {
            Ok(value + 0.0)
        } else {
            Err(FetchError::NotANumber(value.to_string()))
        }))
    }

    fn accepts(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::INT2
                | Type::INT4
                | Type::INT8
                | Type::FLOAT4
                | Type::FLOAT8
                | Type::NUMERIC
                | Type::TEXT
                | Type::VARCHAR
                | Type::BPCHAR
                | Type::NAME
        )
    }
}

/// PostgreSQL's binary `numeric`: digit count, weight, sign, scale, then
/// base-10000 digits.
fn numeric(raw: &[u8]) -> Result<f64, FetchError> {
    let word =
        |i: usize| -> Option<u16> { Some(u16::from_be_bytes([*raw.get(i)?, *raw.get(i + 1)?])) };
    let bad = || FetchError::NotANumber("a malformed numeric".into());
    let count = word(0).ok_or_else(bad)? as usize;
    let weight = word(2).ok_or_else(bad)? as i16;
    let sign = word(4).ok_or_else(bad)?;
    match sign {
        0x0000 | 0x4000 => {}
        0xC000 => return Err(FetchError::NotANumber("NaN".into())),
        _ => return Err(FetchError::NotANumber("an infinite numeric".into())),
    }
    let mut value = 0.0f64;
    for i in 0..count {
        let digit = f64::from(word(8 + 2 * i).ok_or_else(bad)?);
        value += digit * 10000f64.powi(i32::from(weight) - i as i32);
    }
    Ok(if sign == 0x4000 { -value } else { value } + 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_becomes_a_literal() {
        assert_eq!(
            with_as_of(
                "select count(*) from t where d < :as_of and x::as_of_y = 1 and :as_of2",
                "T"
            ),
            "select count(*) from t where d < 'T' and x::as_of_y = 1 and :as_of2"
        );
        assert_eq!(with_as_of("select :as_of::date", "T"), "select 'T'::date");
    }

    #[test]
    fn numerics_decode() {
        // 12345.67: weight 1, digits [1, 2345, 6700], scale 2.
        let raw = [0, 3, 0, 1, 0, 0, 0, 2, 0, 1, 0x09, 0x29, 0x1a, 0x2c];
        assert!((numeric(&raw).unwrap() - 12345.67).abs() < 1e-9);
        let zero = [0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(numeric(&zero).unwrap(), 0.0);
        let negative = [0, 1, 0xff, 0xff, 0x40, 0, 0, 1, 0x13, 0x88]; // -0.5
        assert_eq!(numeric(&negative).unwrap(), -0.5);
        assert!(numeric(&[0, 0, 0, 0, 0xC0, 0, 0, 0]).is_err());
    }
}
