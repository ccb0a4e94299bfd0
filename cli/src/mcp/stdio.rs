//! The stdio framing in front of the MCP service: one JSON-RPC message per
//! line. rmcp drops lines that are not JSON without a word and answers
//! malformed requests without their id; a client waiting for an answer
//! would hang or cannot tell which request failed. So every line is looked
//! at here first: not JSON gets a Parse error (-32700, id null), a request
//! whose params do not fit its method gets Invalid params (-32602) with its
//! id, and only well-formed messages reach the service. Bad input never ends
//! the server; only the end of stdin does.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// What to do with one input line.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Pass it to the service.
    Forward,
    /// Nothing to do (a blank line).
    Skip,
    /// Answer it with this error response; the service never sees it.
    Reject(Value),
}

/// Judge one line (without its newline).
pub fn judge(line: &[u8]) -> Verdict {
    let line = line
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Verdict::Skip;
    }
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            return Verdict::Reject(error(
                Value::Null,
                -32700,
                format!("Parse error: the line is not JSON ({e})"),
            ))
        }
    };
    if serde_json::from_slice::<rmcp::model::ClientJsonRpcMessage>(line).is_ok() {
        return Verdict::Forward;
    }
    // A request we can answer by id: say what was wrong with it. Anything
    // else (a malformed notification or response, a batch) goes to the
    // service, which ignores it or answers Invalid Request.
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_i64() || id.is_u64());
    let method = value.get("method").and_then(Value::as_str);
    match (id, method) {
        (Some(id), Some(method)) => {
            let detail = match value.get("params") {
                Some(p) if !p.is_object() => "params must be an object".to_string(),
                _ => serde_json::from_slice::<rmcp::model::ClientJsonRpcMessage>(line)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            };
            Verdict::Reject(error(
                id.clone(),
                -32602,
                format!("Invalid params for {method}: {detail}"),
            ))
        }
        _ => Verdict::Forward,
    }
}

fn error(id: Value, code: i64, message: String) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

/// Relay `input` to the service's reader and the service's writer to
/// `output`, answering rejected lines directly. Returns the two ends the
/// service runs on, and a task that ends once everything the service wrote
/// has reached `output`.
pub fn relay<R, W>(
    input: R,
    output: W,
) -> (
    tokio::io::DuplexStream,
    tokio::io::DuplexStream,
    tokio::task::JoinHandle<()>,
)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    const BUFFER: usize = 1 << 20;
    let (mut to_service, service_in) = tokio::io::duplex(BUFFER);
    let (service_out, from_service) = tokio::io::duplex(BUFFER);
    let (lines, mut pending) = mpsc::unbounded_channel::<Vec<u8>>();

    let answers = lines.clone();
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        let mut line = Vec::new();
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let body = line.strip_suffix(b"\n").unwrap_or(&line);
            match judge(body) {
                Verdict::Skip => {}
                Verdict::Reject(response) => {
                    let mut text = response.to_string().into_bytes();
                    text.push(b'\n');
                    if answers.send(text).is_err() {
                        break;
                    }
                }
                Verdict::Forward => {
                    if to_service.write_all(body).await.is_err()
                        || to_service.write_all(b"\n").await.is_err()
                    {
                        break;
                    }
                }
            }
        }
        // End of input: the service sees it and shuts down.
        let _ = to_service.shutdown().await;
    });

    tokio::spawn(async move {
        let mut from_service = BufReader::new(from_service);
        let mut line = Vec::new();
        loop {
            line.clear();
            match from_service.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if lines.send(line.clone()).is_err() {
                        break;
                    }
                }
            }
        }
    });

    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(line) = pending.recv().await {
            if output.write_all(&line).await.is_err() || output.flush().await.is_err() {
                break;
            }
        }
    });
    (service_in, service_out, writer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_messages_pass() {
        let init = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#;
        assert_eq!(judge(init), Verdict::Forward);
        let call = br#"{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"x","arguments":{}}}"#;
        assert_eq!(judge(call), Verdict::Forward);
        let note = br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
        assert_eq!(judge(note), Verdict::Forward);
        assert_eq!(judge(b"   \r"), Verdict::Skip);
    }

    #[test]
    fn invalid_json_is_a_parse_error() {
        let Verdict::Reject(r) = judge(b"{not json") else {
            panic!("not rejected")
        };
        assert_eq!(r["error"]["code"], -32700);
        assert!(r["id"].is_null());
    }

    #[test]
    fn bad_params_are_answered_with_the_id() {
        let Verdict::Reject(r) =
            judge(br#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"oops"}"#)
        else {
            panic!("not rejected")
        };
        assert_eq!(r["id"], 7);
        assert_eq!(r["error"]["code"], -32602);
    }
}
