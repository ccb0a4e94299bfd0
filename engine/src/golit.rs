//! Decoding Go string literals (the subset of go/strconv.Unquote we need).

/// Decode an interpreted (`"…"`) or raw (`` `…` ``) Go string literal.
/// Returns `None` for anything that is not a well-formed literal, so a
/// malformed literal is never silently turned into a wrong value.
pub fn unquote(lit: &str) -> Option<String> {
    let bytes = lit.as_bytes();
    if bytes.len() < 2 {
        return None;
    }
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    let body = &lit[1..lit.len() - 1];
    match (first, last) {
        // Carriage returns are discarded from raw strings (Go spec).
        (b'`', b'`') if !body.contains('`') => Some(body.replace('\r', "")),
        (b'"', b'"') => unescape(body),
        _ => None,
    }
}

fn unescape(body: &str) -> Option<String> {
    if !body.contains('\\') {
        return (!body.contains('"') && !body.contains('\n')).then(|| body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut bytes: Vec<u8> = Vec::new();
    let mut chars = body.chars();
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        if !bytes.is_empty() {
            out.push_str(&String::from_utf8_lossy(bytes));
            bytes.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            if c == '"' || c == '\n' {
                return None;
            }
            flush(&mut bytes, &mut out);
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let simple = match e {
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            _ => None,
        };
        if let Some(s) = simple {
            flush(&mut bytes, &mut out);
            out.push(s);
            continue;
        }
        match e {
            // \xNN and \NNN are bytes; consecutive ones may form UTF-8.
            'x' => bytes.push(u8::from_str_radix(&take(&mut chars, 2)?, 16).ok()?),
            '0'..='7' => {
                let rest = take(&mut chars, 2)?;
                let v = u16::from_str_radix(&format!("{e}{rest}"), 8).ok()?;
                bytes.push(u8::try_from(v).ok()?);
            }
            'u' | 'U' => {
                let n = if e == 'u' { 4 } else { 8 };
                let v = u32::from_str_radix(&take(&mut chars, n)?, 16).ok()?;
                flush(&mut bytes, &mut out);
                out.push(char::from_u32(v)?);
            }
            _ => return None,
        }
    }
    flush(&mut bytes, &mut out);
    Some(out)
}

fn take(chars: &mut std::str::Chars, n: usize) -> Option<String> {
    let s: String = chars.by_ref().take(n).collect();
    (s.chars().count() == n).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::unquote;

    #[test]
    fn decodes_go_literals() {
        assert_eq!(unquote(r#""SELECT 1""#).as_deref(), Some("SELECT 1"));
        assert_eq!(unquote("`a\r\nb`").as_deref(), Some("a\nb"));
        assert_eq!(
            unquote(r#""a\tb\x41\101\u00e9\"""#).as_deref(),
            Some("a\tbAAé\"")
        );
        assert_eq!(unquote(r#""\xc3\xa9""#).as_deref(), Some("é"));
        assert_eq!(unquote(r#""bad\q""#), None);
        assert_eq!(unquote(r#""unterminated"#), None);
        assert_eq!(unquote("\""), None);
        assert_eq!(unquote(r#""\400""#), None);
    }
}
