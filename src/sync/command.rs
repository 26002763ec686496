//! `command` sources: a command line run by the shell in the OKR root, only
//! when okr.yaml allows it; its output is one number. `OKR_AS_OF` holds the
//! as-of time.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{FetchError, MAX_BYTES, Request, inert, iso, number, timeout};

pub fn fetch(req: &Request<'_>) -> Result<f64, FetchError> {
    if !req.allow_command {
        return Err(FetchError::CommandNotAllowed);
    }
    let run = req.source.run.as_deref().ok_or_else(|| {
        FetchError::Config(format!(
            "source `{}` is a command source; the key result's `source:` needs `run:`",
            req.name
        ))
    })?;
    let limit = timeout(req);
    let mut command = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", run]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", run]);
        c
    };
    let mut child = command
        .current_dir(req.root)
        .env("OKR_AS_OF", iso(req.as_of))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| FetchError::Connect(format!("cannot start the shell: {e}")))?;
    // Read both pipes on threads, so that a chatty command cannot block on a full pipe.
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(pipe) = pipe {
                let _ = pipe.take(MAX_BYTES).read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(FetchError::Timeout(limit));
            }
            Err(e) => {
                return Err(FetchError::Connect(format!(
                    "cannot wait for the command: {e}"
                )));
            }
        }
    };
    let out = String::from_utf8_lossy(&stdout.join().unwrap_or_default()).into_owned();
    let err = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if !status.success() {
        let said = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(FetchError::Server(format!(
            "the command exited with {}{}",
            status
                .code()
                .map_or_else(|| "a signal".to_owned(), |c| format!("code {c}")),
            if said.is_empty() {
                String::new()
            } else {
                format!(": {}", inert(said))
            }
        )));
    }
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    match lines.as_slice() {
        [] => Err(FetchError::Empty("the command printed nothing".into())),
        [one] => number(one),
        many => Err(FetchError::Several {
            count: many.len(),
            what: "lines of output",
        }),
    }
}
