use super::*;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
}

fn area(zones: &[&str], nodes: &[&str]) -> OutageArea {
    OutageArea {
        zones: zones.iter().map(|z| z.to_string()).collect(),
        nodes: nodes.iter().map(|n| n.to_string()).collect(),
        starts_at: at(8, 0),
        status: IncidentStatus::Activo,
    }
}

fn place(zone: Option<&str>, node: Option<&str>) -> CustomerPlace {
    CustomerPlace {
        zone: zone.map(str::to_string),
        node: node.map(str::to_string),
    }
}

#[test]
fn zones_match_without_case_accents_or_spaces() {
    let outage = area(&["Bogotá  Norte"], &[]);
    assert!(outage.affects(&place(Some("BOGOTA NORTE"), None), at(9, 0)));
    assert!(!outage.affects(&place(Some("Bogotá Sur"), None), at(9, 0)));
    assert!(!outage.affects(&place(None, None), at(9, 0)));
}

#[test]
fn a_node_alone_is_enough() {
    let outage = area(&[], &["ND-0412"]);
    assert!(outage.affects(&place(Some("Cali"), Some("nd 0412")), at(9, 0)));
    assert!(!outage.affects(&place(Some("Cali"), Some("ND-0413")), at(9, 0)));
}

#[test]
fn a_notice_lasts_from_its_start_until_closed() {
    let mut outage = area(&["Cali"], &[]);
    let cali = place(Some("Cali"), None);
    assert!(!outage.affects(&cali, at(7, 59)));
    assert!(outage.affects(&cali, at(8, 0)));
    outage.status = IncidentStatus::Cerrado;
    assert!(!outage.affects(&cali, at(9, 0)));
}

#[test]
fn the_customer_place_prefers_the_zone_column() {
    let mut extra = BTreeMap::new();
    assert_eq!(
        CustomerPlace::of(Some(" Medellín "), &extra),
        place(Some("Medellín"), None)
    );
    extra.insert("Zona".to_string(), "Medellín Poblado".to_string());
    extra.insert("NODO".to_string(), "MD-77".to_string());
    assert_eq!(
        CustomerPlace::of(Some("Medellín"), &extra),
        place(Some("Medellín Poblado"), Some("MD-77"))
    );
    assert_eq!(CustomerPlace::of(None, &BTreeMap::new()), place(None, None));
}

#[test]
fn incident_numbers_are_inc_and_six_to_twelve_digits() {
    assert_eq!(
        normalize_incident_number(" inc 000123456 "),
        Ok("INC000123456".to_string())
    );
    assert!(normalize_incident_number("INC12345").is_err());
    assert!(normalize_incident_number("INC1234567890123").is_err());
    assert!(normalize_incident_number("000123456").is_err());
    assert!(normalize_incident_number("INC00012345A").is_err());
}

#[test]
fn place_lists_split_and_drop_repeats() {
    assert_eq!(
        parse_place_list("Bogotá | Chía, bogota ;  Cajicá  \n"),
        vec!["Bogotá", "Chía", "Cajicá"]
    );
    assert!(parse_place_list(" | , ").is_empty());
}

#[test]
fn resolutions_open_their_escalation() {
    assert_eq!(
        escalation_for_resolution("DIME"),
        Some(EscalationKind::Dime)
    );
    assert_eq!(
        escalation_for_resolution("DIAGNOSTICADOR_SECTOR"),
        Some(EscalationKind::FallaSector)
    );
    assert_eq!(
        escalation_for_resolution("DIAGNOSTICADOR_PUNTUAL"),
        Some(EscalationKind::ErrorPlataforma)
    );
    assert_eq!(
        escalation_for_resolution("TECNICO_CONFIANZA"),
        Some(EscalationKind::TecnicoConfianza)
    );
    assert_eq!(escalation_for_resolution("VISITA"), None);
    assert_eq!(escalation_for_resolution("CAMBIO_SIM"), None);
}

#[test]
fn the_sla_clock_reads_in_spanish() {
    let due = at(12, 0);
    let clock = SlaClock::of(due, at(8, 40));
    assert_eq!(clock.text, "Vence en 3 h 20 min");
    assert!(!clock.overdue);
    assert_eq!(SlaClock::of(due, at(11, 0)).text, "Vence en 1 h");
    assert_eq!(
        SlaClock::of(due, due - Duration::seconds(30)).text,
        "Vence en 1 min"
    );
    assert_eq!(SlaClock::of(due, due).text, "Vence en 0 min");
    let late = SlaClock::of(due, due + Duration::minutes(45));
    assert!(late.overdue);
    assert_eq!(late.text, "Vencido hace 45 min");
    assert_eq!(late.minutes_left, -45);
    assert_eq!(
        SlaClock::of(due, due - Duration::hours(50)).text,
        "Vence en 2 d 2 h"
    );
}

#[test]
fn slots_are_checked_in_spanish() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert!(slot_problems("Bogotá", today, 8, today).is_empty());
    let problems = slot_problems(" ", today.pred_opt().unwrap(), 501, today);
    let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, vec!["zone", "date", "capacity"]);
    assert!(problems[1].1.contains("30/11/2026"));
}

proptest! {
    /// A notice covers a customer exactly when one of its zones or nodes has
    /// the customer's key, however either side is spelled.
    #[test]
    fn coverage_ignores_spelling(zone in "[a-zA-Z ]{1,12}", upper in any::<bool>()) {
        prop_assume!(!zone.trim().is_empty());
        let spelled = if upper { zone.to_uppercase() } else { zone.to_lowercase() };
        let outage = area(&[&zone], &[]);
        let typed = format!("  {spelled} ");
        prop_assert!(outage.covers(&place(Some(&typed), None)));
    }

    /// The clock's minutes never skip past the due time: overdue exactly
    /// when now is after it.
    #[test]
    fn the_clock_turns_overdue_exactly_at_the_due_time(offset in -100_000i64..100_000) {
        let due = at(12, 0);
        let clock = SlaClock::of(due, due + Duration::seconds(offset));
        prop_assert_eq!(clock.overdue, offset > 0);
        prop_assert_eq!(clock.minutes_left < 0, offset >= 60);
    }
}

#[test]
fn slot_answers_round_trip_and_name_their_state() {
    let booked = SlotAnswer::Booked(BookedSlot {
        visit: 7,
        slot: 3,
        zone: "Cali".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        franja: Franja::Pm,
    });
    assert_eq!(SlotAnswer::parse(&booked.value()), Ok(booked.clone()));
    assert_eq!(booked.state(), "AGENDADA");
    assert_eq!(SlotAnswer::parse("SIN_CUPO"), Ok(SlotAnswer::NoSlot));
    assert_eq!(
        SlotAnswer::parse("BLOQUEADA").map(|a| a.state()),
        Ok("BLOQUEADA")
    );
    assert!(SlotAnswer::parse("{roto").is_err());
    assert!(SlotAnswer::parse("MAÑANA").is_err());
}

#[test]
fn a_franja_is_over_at_its_end_in_bogota() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    // 16:59 UTC is 11:59 in Bogotá; 17:00 UTC is noon.
    assert!(!slot_passed(day, Franja::Am, at(16, 59)));
    assert!(slot_passed(day, Franja::Am, at(17, 0)));
    assert!(!slot_passed(day, Franja::Pm, at(17, 0)));
    assert!(slot_passed(day, Franja::Pm, at(23, 0)));
    assert!(slot_passed(day.pred_opt().unwrap(), Franja::Pm, at(6, 0)));
    assert!(!slot_passed(day.succ_opt().unwrap(), Franja::Am, at(23, 0)));
}
