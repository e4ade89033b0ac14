//! From file bytes to a table: encoding (UTF-8 with or without BOM, or
//! Windows-1252 as Excel in Spanish writes it), separator (`,` or `;`),
//! header names normalized, each row with its line number.

use super::RowError;
use encoding_rs::WINDOWS_1252;

/// The text encodings Faro recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Windows1252,
}

/// A decoded CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: Encoding,
    pub separator: u8,
    /// Header names as written in the file.
    pub raw_headers: Vec<String>,
    /// Header names normalized: lowercase, no accents, `_` for spaces.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// One data line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    pub fields: Vec<String>,
}

impl Table {
    /// The index of a (normalized) column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Decodes bytes: a UTF-8 BOM means UTF-8; valid UTF-8 is UTF-8; anything
/// else is read as Windows-1252 (every byte is a character there).
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8WithBom,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// `;` when the header has more semicolons than commas (Excel in Spanish),
/// otherwise `,`.
pub fn detect_separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let semicolons = header.matches(';').count();
    let commas = header.matches(',').count();
    if semicolons > commas { b';' } else { b',' }
}

/// A header as Faro compares it: trimmed, lowercase, without accents, with
/// `_` for spaces and hyphens.
pub fn normalize_header(raw: &str) -> String {
    raw.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'ï' => 'i',
            'ó' | 'ò' | 'ö' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            'ñ' => 'n',
            ' ' | '-' => '_',
            other => other,
        })
        .collect()
}

/// Reads a whole file. Problems that concern single lines (a wrong number
/// of fields) are returned with the rows that did read; a file without a
/// header is one error.
pub fn read(bytes: &[u8]) -> Result<(Table, Vec<RowError>), RowError> {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(RowError::new(1, None, "El archivo está vacío."));
    }
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let raw_headers: Vec<String> = reader
        .headers()
        .map_err(|err| RowError::new(1, None, format!("No se pudo leer el encabezado: {err}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let headers: Vec<String> = raw_headers.iter().map(|h| normalize_header(h)).collect();

    let mut errors = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        if header.is_empty() {
            errors.push(RowError::new(
                1,
                None,
                format!("La columna {} del encabezado no tiene nombre.", index + 1),
            ));
        } else if headers[..index].contains(header) {
            errors.push(RowError::new(
                1,
                Some(header),
                format!("La columna «{header}» aparece dos veces en el encabezado."),
            ));
        }
    }

    // Line numbers as the user sees them in an editor or Excel; the csv
    // crate's own count skips blank lines, so lines are counted from the
    // byte offset instead.
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let bytes_of_text = text.as_bytes();
    let line_at = |byte: u64| -> u32 {
        // A record's position may point at blank lines the reader skipped.
        let mut start = byte as usize;
        while start < bytes_of_text.len() && matches!(bytes_of_text[start], b'\n' | b'\r') {
            start += 1;
        }
        newlines.partition_point(|&nl| nl < start) as u32 + 1
    };

    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| line_at(p.byte()));
                if record.iter().all(|field| field.trim().is_empty()) {
                    continue; // Blank lines, often at the end of Excel exports.
                }
                if record.len() != headers.len() {
                    errors.push(RowError::new(
                        line,
                        None,
                        format!(
                            "La línea tiene {} columnas y el encabezado {}; revise el separador o las comillas.",
                            record.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                rows.push(Row {
                    line,
                    fields: record.iter().map(|f| f.trim().to_string()).collect(),
                });
            }
            Err(err) => {
                let line = err.position().map_or(0, |p| line_at(p.byte()));
                errors.push(RowError::new(
                    line,
                    None,
                    format!("No se pudo leer la línea: {err}"),
                ));
                // A broken quote makes the rest unreadable.
                break;
            }
        }
    }
    Ok((
        Table {
            encoding,
            separator,
            raw_headers,
            headers,
            rows,
        },
        errors,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_and_windows_1252_decode_the_same() {
        let utf8 = "cuenta;nombre\n1;José Peña\n";
        let (plain, enc) = decode(utf8.as_bytes());
        assert_eq!((plain.as_str(), enc), (utf8, Encoding::Utf8));
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(utf8.as_bytes());
        assert_eq!(decode(&with_bom), (utf8.to_string(), Encoding::Utf8WithBom));
        let (cp1252, _, _) = WINDOWS_1252.encode(utf8);
        assert_eq!(decode(&cp1252), (utf8.to_string(), Encoding::Windows1252));
    }

    #[test]
    fn separator_follows_the_header() {
        assert_eq!(detect_separator("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_separator("a,b,c\n1;2;3"), b',');
    }

    #[test]
    fn headers_are_normalized() {
        assert_eq!(normalize_header(" Antigüedad Meses "), "antiguedad_meses");
        assert_eq!(normalize_header("Teléfonos"), "telefonos");
        assert_eq!(normalize_header("VALOR-MENSUAL"), "valor_mensual");
    }

    #[test]
    fn lines_are_numbered_as_in_the_file_and_bad_widths_reported() {
        let (table, errors) =
            read("cuenta,nombre\n1,Ana\n\n2,Luis,extra\n\"3\",\"Peña, Ana\"\n".as_bytes()).unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[1].line, 5);
        assert_eq!(table.rows[1].fields, ["3", "Peña, Ana"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
        assert!(errors[0].message.contains("3 columnas"));
    }

    #[test]
    fn empty_files_and_repeated_headers_are_refused() {
        assert!(read(b"  \n").is_err());
        let (_, errors) = read(b"cuenta,Cuenta\n1,2\n").unwrap();
        assert!(errors[0].message.contains("aparece dos veces"));
    }
}
