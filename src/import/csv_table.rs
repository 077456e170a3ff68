//! Reading a CSV file into a [`Table`]: the encoding (UTF-8, UTF-8 with a byte-order mark, UTF-16
//! with one, else Windows-1252, which Danish Excel still writes), the delimiter (`,`, `;` or tab,
//! whichever splits the first records most consistently), then the records through the `csv` crate
//! (quoted fields may hold delimiters, quotes and line breaks).

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::table::{Cell, Source, Table};

/// The delimiters tried, in order of preference when two split equally well.
const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];
/// How many records the delimiter is judged on.
const SAMPLE_RECORDS: usize = 40;

/// The text of the file and the name of its encoding. Never fails: bytes that are not UTF-8 are read
/// as Windows-1252, which gives every byte a character (its few unassigned bytes become control
/// characters, made visible later like any other).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF])
        && let Ok(s) = std::str::from_utf8(rest)
    {
        return (s.to_string(), "UTF-8 with BOM");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, _) = UTF_16LE.decode_without_bom_handling(rest);
        return (text.into_owned(), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, _) = UTF_16BE.decode_without_bom_handling(rest);
        return (text.into_owned(), "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// The delimiter that splits the first records into the same number of fields (more than one) most
/// often; title rows above the header (one field) do not count.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut best = (0usize, 0usize, DELIMITERS[0]);
    for d in DELIMITERS {
        let mut counts: Vec<usize> = Vec::new();
        let mut rec = csv::ByteRecord::new();
        let mut r = reader(text.as_bytes(), d);
        while counts.len() < SAMPLE_RECORDS {
            match r.read_byte_record(&mut rec) {
                Ok(true) => counts.push(rec.len()),
                _ => break,
            }
        }
        let mut modal = (0usize, 0usize); // (how often, field count)
        for &n in counts.iter().filter(|&&n| n > 1) {
            let freq = counts.iter().filter(|&&m| m == n).count();
            if (freq, n) > modal {
                modal = (freq, n);
            }
        }
        if (modal.0, modal.1) > (best.0, best.1) {
            best = (modal.0, modal.1, d);
        }
    }
    best.2
}

/// Reads CSV bytes into a table. `progress` is called now and then with the number of rows read.
pub fn read_csv(bytes: &[u8], origin: &str, progress: &mut dyn FnMut(usize)) -> Table {
    let (text, encoding) = decode(bytes);
    let delimiter = detect_delimiter(&text);
    let mut rows = Vec::new();
    let mut starts = Vec::new();
    {
        let mut r = reader(text.as_bytes(), delimiter);
        let mut rec = csv::StringRecord::new();
        // The text is valid UTF-8 and the reader is flexible, so reading stops only at the end.
        while let Ok(true) = r.read_record(&mut rec) {
            let (byte, line) = rec
                .position()
                .map_or((0, 0), |p| (p.byte() as usize, p.line() as usize));
            starts.push((byte, line));
            rows.push(
                rec.iter()
                    .map(|f| {
                        if f.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(unguard(f).to_string())
                        }
                    })
                    .collect(),
            );
            if rows.len().is_multiple_of(20_000) {
                progress(rows.len());
            }
        }
    }
    Table {
        origin: origin.to_string(),
        source: Source::Csv {
            text,
            starts,
            delimiter,
            encoding,
        },
        rows,
    }
}

/// Undoes the guard `kredskort export` (and other careful writers) put before text a spreadsheet
/// would run as a formula: a `'` before `=`, `+`, `-`, `@`, a tab or a carriage return.
fn unguard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.iter().map(Cell::shown).collect())
            .collect()
    }

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode("Beløb".as_bytes()), ("Beløb".into(), "UTF-8"));
        let bom = [&[0xEF, 0xBB, 0xBF][..], "Beløb".as_bytes()].concat();
        assert_eq!(decode(&bom), ("Beløb".into(), "UTF-8 with BOM"));
        assert_eq!(decode(b"Bel\xf8b"), ("Beløb".into(), "Windows-1252"));
        // 0x80 is the euro sign in Windows-1252 (not a C1 control as in Latin-1).
        assert_eq!(decode(b"\x80 5").0, "€ 5");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kreds;Beløb".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), ("Kreds;Beløb".into(), "UTF-16LE"));
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_consistently() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a;b;c\n1;2.875.000,50;3\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        // A title row above the header does not decide.
        assert_eq!(
            detect_delimiter("Tilskud, 2014\n\nKreds;Projekt;Beløb\nFyn;X;1.000,50\n"),
            b';'
        );
        // Decimal commas in a ;-file split every data row once: the header decides.
        assert_eq!(
            detect_delimiter("Kreds;Projekt;Beløb\nFyn;A;1,5\nFyn;B;2,5\n"),
            b';'
        );
    }

    #[test]
    fn quoted_fields_keep_line_breaks_and_positions_are_kept() {
        let t = read_csv(
            "Kreds,Projekt,Beløb\nFyn,\"Two\nlines\",\"2,875,000.50\"\nBornholm,'=X,5\n".as_bytes(),
            "x.csv",
            &mut |_| {},
        );
        assert_eq!(
            texts(&t),
            [
                vec!["Kreds", "Projekt", "Beløb"],
                vec!["Fyn", "Two\nlines", "2,875,000.50"],
                vec!["Bornholm", "=X", "5"],
            ]
        );
        assert_eq!(t.row_number(2), 4, "the record after a two-line field");
    }
}
