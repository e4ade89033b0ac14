//! Numbers as Colombians write them: thousands grouped with dots, decimals
//! after a comma, pesos with a `$ ` sign.

/// `12345678` → `12.345.678`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Whole pesos: `$ 129.900`.
pub fn pesos(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}$ {}", group_thousands(value.unsigned_abs()))
}

/// Centavos as pesos, the centavos shown only when there are some:
/// `$ 150.000`, `$ 150.000,50`.
pub fn pesos_from_centavos(centavos: i64) -> String {
    let cents = (centavos % 100).unsigned_abs();
    let whole = pesos(centavos / 100);
    if cents == 0 {
        whole
    } else {
        format!("{whole},{cents:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_signs_as_written_in_colombia() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1.000");
        assert_eq!(group_thousands(12_345_678), "12.345.678");
        assert_eq!(pesos(129_900), "$ 129.900");
        assert_eq!(pesos(-5_000), "-$ 5.000");
        assert_eq!(pesos_from_centavos(15_000_050), "$ 150.000,50");
        assert_eq!(pesos_from_centavos(9_990), "$ 99,90");
    }
}
