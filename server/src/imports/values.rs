//! Values as Colombian spreadsheets write them: money (`150.000`,
//! `150000`, `150.000,50`), dates (`aaaa-mm-dd`, `dd/mm/aaaa`), booleans
//! (`SI`/`NO`, `S`/`N`, `1`/`0`), lists separated by `|`, phone numbers,
//! local date-times and scores.

use app::domain::local_time::bogota;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

/// Money in centavos. Thousands may be grouped with `.` or `,`; decimals
/// (at most two) follow the other one. A leading `$` and spaces are ignored.
pub fn parse_money(raw: &str) -> Result<i64, String> {
    let cleaned: String = raw
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let invalid = || {
        format!(
            "«{}» no es un valor en pesos (ejemplos: 150.000, 150000, 150.000,50).",
            raw.trim()
        )
    };
    if cleaned.is_empty() || cleaned.starts_with('-') {
        return Err(invalid());
    }
    let has_dot = cleaned.contains('.');
    let has_comma = cleaned.contains(',');
    let (integer, decimals) = match (has_dot, has_comma) {
        (true, true) => {
            // Whichever comes last is the decimal separator.
            let last_dot = cleaned.rfind('.').unwrap_or(0);
            let last_comma = cleaned.rfind(',').unwrap_or(0);
            let (thousands, decimal) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            let (int_part, dec_part) = cleaned.rsplit_once(decimal).ok_or_else(invalid)?;
            (
                ungroup(int_part, thousands).ok_or_else(invalid)?,
                dec_part.to_string(),
            )
        }
        (true, false) => split_single(&cleaned, '.').ok_or_else(invalid)?,
        (false, true) => split_single(&cleaned, ',').ok_or_else(invalid)?,
        (false, false) => (cleaned.clone(), String::new()),
    };
    if integer.is_empty() || !integer.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    if decimals.len() > 2 || !decimals.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    let pesos: i64 = integer.parse().map_err(|_| invalid())?;
    let centavos: i64 = format!("{decimals:0<2}").parse().map_err(|_| invalid())?;
    pesos
        .checked_mul(100)
        .and_then(|c| c.checked_add(centavos))
        .ok_or_else(invalid)
}

/// A number with one kind of separator: thousands when every group after the
/// first has three digits (`1.500.000`), otherwise a decimal (`150000.5`).
fn split_single(value: &str, separator: char) -> Option<(String, String)> {
    let groups: Vec<&str> = value.split(separator).collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        Some((groups.concat(), String::new()))
    } else if groups.len() == 2 {
        Some((groups[0].to_string(), groups[1].to_string()))
    } else {
        None
    }
}

/// `1.500.000` → `1500000` when every group after the first has 3 digits.
fn ungroup(value: &str, separator: char) -> Option<String> {
    let groups: Vec<&str> = value.split(separator).collect();
    if groups.len() > 1 && !groups[1..].iter().all(|g| g.len() == 3) {
        return None;
    }
    Some(groups.concat())
}

/// A date as `aaaa-mm-dd` or `dd/mm/aaaa`; a time after it is ignored.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let value = raw.trim();
    let date_part = value.split([' ', 'T']).next().unwrap_or_default();
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date_part, "%d/%m/%Y"))
        .map_err(|_| format!("«{value}» no es una fecha válida (use aaaa-mm-dd o dd/mm/aaaa)."))
}

/// A date and time as `aaaa-mm-dd hh:mm[:ss]` (or with `T` for the space)
/// or `dd/mm/aaaa hh:mm[:ss]`, read as Bogotá time, returned as UTC.
/// External systems export local wall-clock times without an offset; a bare
/// date is refused because guessing midnight would move events between days.
pub fn parse_local_date_time(raw: &str) -> Result<DateTime<Utc>, String> {
    let value = raw.trim();
    let invalid = || {
        format!(
            "«{value}» no es una fecha y hora válida (use aaaa-mm-dd hh:mm, aaaa-mm-dd hh:mm:ss, \
             aaaa-mm-ddThh:mm:ss o dd/mm/aaaa hh:mm[:ss])."
        )
    };
    let (date_part, time_part) = value
        .split_once([' ', 'T'])
        .map(|(date, time)| (date, time.trim_start()))
        .ok_or_else(invalid)?;
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date_part, "%d/%m/%Y"))
        .map_err(|_| invalid())?;
    let time = parse_time(time_part).ok_or_else(invalid)?;
    bogota()
        .from_local_datetime(&date.and_time(time))
        .single()
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(invalid)
}

/// `h:mm`, `hh:mm` or `hh:mm:ss`, 24 h. Written by hand rather than with
/// chrono's `%S`, which lets a leap second `:60` through.
fn parse_time(value: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = value.split(':').collect();
    let number = |part: &str, widths: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (hour, minute, second) = match parts.as_slice() {
        [h, m] => (number(h, 1..=2)?, number(m, 2..=2)?, 0),
        [h, m, s] => (number(h, 1..=2)?, number(m, 2..=2)?, number(s, 2..=2)?),
        _ => return None,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// A score such as a quality grade: `87`, `87.5` or `87,5` (at most two
/// decimals), within bounds. Either separator is accepted because the same
/// file may come from Excel in Spanish or from a system export.
pub fn parse_score(raw: &str, min: f64, max: f64, what: &str) -> Result<f64, String> {
    let value = raw.trim();
    let invalid = || format!("«{value}» no es un número ({what}; ejemplos: 87, 87,5, 87.5).");
    let (integer, decimals) = match value.split_once(['.', ',']) {
        Some((integer, decimals)) => (integer, decimals),
        None => (value, ""),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let decimals_ok = if value.len() == integer.len() {
        true
    } else {
        (1..=2).contains(&decimals.len()) && digits(decimals)
    };
    if integer.is_empty() || !digits(integer) || !decimals_ok {
        return Err(invalid());
    }
    let parsed: f64 = format!("{integer}.{decimals}0")
        .parse()
        .map_err(|_| invalid())?;
    if parsed < min || parsed > max {
        return Err(format!(
            "{what} debe estar entre {min} y {max}; vino «{value}»."
        ));
    }
    Ok(parsed)
}

/// `SI`/`NO`, `S`/`N`, `1`/`0`, any case, accents optional.
pub fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().replace('í', "i").as_str() {
        "si" | "s" | "1" => Ok(true),
        "no" | "n" | "0" => Ok(false),
        _ => Err(format!("«{}» no es SI o NO.", raw.trim())),
    }
}

/// A whole number within bounds.
pub fn parse_int(raw: &str, min: i64, max: i64, what: &str) -> Result<i64, String> {
    let value = raw.trim();
    let parsed: i64 = value
        .parse()
        .map_err(|_| format!("«{value}» no es un número entero ({what})."))?;
    if parsed < min || parsed > max {
        return Err(format!(
            "{what} debe estar entre {min} y {max}; vino «{value}»."
        ));
    }
    Ok(parsed)
}

/// The items of a `|`-separated list, trimmed, empties dropped.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split('|')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// A phone number reduced to its digits: spaces, dashes, dots, parentheses
/// and a `+57` prefix dropped. Colombian numbers have 7 to 10 digits.
pub fn normalize_phone(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let digits: String = trimmed
        .trim_start_matches('+')
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("«{trimmed}» no es un número de teléfono."));
    }
    let national = if digits.len() == 12 && digits.starts_with("57") {
        digits[2..].to_string()
    } else {
        digits
    };
    if !(7..=10).contains(&national.len()) {
        return Err(format!(
            "«{trimmed}» no es un número de teléfono colombiano (7 a 10 dígitos)."
        ));
    }
    Ok(national)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn money_as_colombians_write_it() {
        assert_eq!(parse_money("150.000"), Ok(15_000_000));
        assert_eq!(parse_money("150000"), Ok(15_000_000));
        assert_eq!(parse_money("150.000,50"), Ok(15_000_050));
        assert_eq!(parse_money("$ 1.500.000"), Ok(150_000_000));
        assert_eq!(parse_money("89990,9"), Ok(8_999_090));
        assert_eq!(parse_money("150,000"), Ok(15_000_000));
        assert_eq!(parse_money("1,500,000.25"), Ok(150_000_025));
        for bad in ["", "abc", "-5", "1.50.000", "12,345,67", "1.000,123", "$"] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
        assert!(
            parse_money("doce")
                .unwrap_err()
                .contains("«doce» no es un valor en pesos")
        );
    }

    #[test]
    fn dates_in_both_forms() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(parse_date("2026-03-09"), Ok(day));
        assert_eq!(parse_date("09/03/2026"), Ok(day));
        assert_eq!(parse_date("09/03/2026 14:30"), Ok(day));
        assert_eq!(parse_date("2026-03-09T14:30:00"), Ok(day));
        assert!(parse_date("31/02/2026").is_err());
        assert!(parse_date("03-09-2026").is_err());
    }

    #[test]
    fn local_date_times_become_utc() {
        let utc = |y, mo, d, h, mi, s| Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap();
        assert_eq!(
            parse_local_date_time("2026-03-09 23:59:59"),
            Ok(utc(2026, 3, 10, 4, 59, 59))
        );
        assert_eq!(
            parse_local_date_time("09/03/2026 00:00"),
            Ok(utc(2026, 3, 9, 5, 0, 0))
        );
        assert_eq!(
            parse_local_date_time(" 2026-03-09T14:30 "),
            Ok(utc(2026, 3, 9, 19, 30, 0))
        );
        assert_eq!(
            parse_local_date_time("2026-03-09T14:30:15"),
            Ok(utc(2026, 3, 9, 19, 30, 15))
        );
        assert_eq!(
            parse_local_date_time("09/03/2026 7:05:00"),
            Ok(utc(2026, 3, 9, 12, 5, 0))
        );
        for bad in [
            "2026-03-09",
            "09/03/2026",
            "2026-03-09 24:00",
            "2026-03-09 12:60",
            "2026-03-09 12:00:60",
            "2026-03-09 12",
            "2026-03-09 12:5",
            "2026-02-30 10:00",
            "03-09-2026 10:00",
            "2026-03-09 10:00:00:00",
            "ayer",
            "",
        ] {
            assert!(parse_local_date_time(bad).is_err(), "{bad}");
        }
        let err = parse_local_date_time("2026-03-09").unwrap_err();
        assert!(
            err.starts_with("«2026-03-09» no es una fecha y hora válida"),
            "{err}"
        );
        assert!(err.contains("dd/mm/aaaa hh:mm"), "{err}");
    }

    #[test]
    fn scores_with_either_decimal_separator() {
        assert_eq!(parse_score("87", 0.0, 100.0, "La nota"), Ok(87.0));
        assert_eq!(parse_score("87.5", 0.0, 100.0, "La nota"), Ok(87.5));
        assert_eq!(parse_score(" 87,25 ", 0.0, 100.0, "La nota"), Ok(87.25));
        assert_eq!(parse_score("0", 0.0, 100.0, "La nota"), Ok(0.0));
        assert_eq!(parse_score("100,0", 0.0, 100.0, "La nota"), Ok(100.0));
        for bad in [
            "", "abc", "-5", "87.", ",5", "87,555", "1.000,5", "8 7", "1e2",
        ] {
            assert!(parse_score(bad, 0.0, 100.0, "La nota").is_err(), "{bad}");
        }
        assert_eq!(
            parse_score("100,5", 0.0, 100.0, "La nota"),
            Err("La nota debe estar entre 0 y 100; vino «100,5».".to_string())
        );
        assert!(
            parse_score("mucho", 0.0, 100.0, "La nota")
                .unwrap_err()
                .starts_with("«mucho» no es un número (La nota")
        );
    }

    #[test]
    fn booleans_in_every_spelling() {
        for yes in ["SI", "sí", "Sí", "s", "1"] {
            assert_eq!(parse_bool(yes), Ok(true), "{yes}");
        }
        for no in ["NO", "no", "N", "0"] {
            assert_eq!(parse_bool(no), Ok(false), "{no}");
        }
        assert!(parse_bool("tal vez").is_err());
    }

    #[test]
    fn phones_keep_their_digits() {
        assert_eq!(normalize_phone("+57 310 555 1234"), Ok("3105551234".into()));
        assert_eq!(normalize_phone("(601) 555-1234"), Ok("6015551234".into()));
        assert_eq!(normalize_phone("5551234"), Ok("5551234".into()));
        assert!(normalize_phone("12345").is_err());
        assert!(normalize_phone("310-555-ABCD").is_err());
    }

    #[test]
    fn lists_split_on_bars() {
        assert_eq!(split_list(" 300111 | 300222 ||"), ["300111", "300222"]);
        assert!(split_list("").is_empty());
    }

    proptest! {
        /// Any amount written the Colombian way reads back exactly.
        #[test]
        fn money_round_trips(pesos in 0i64..10_000_000_000, centavos in 0i64..100) {
            let grouped = {
                let digits = pesos.to_string();
                let mut out = String::new();
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        out.push('.');
                    }
                    out.push(c);
                }
                out
            };
            prop_assert_eq!(parse_money(&format!("{grouped},{centavos:02}")), Ok(pesos * 100 + centavos));
            prop_assert_eq!(parse_money(&pesos.to_string()), Ok(pesos * 100));
        }
    }
}
