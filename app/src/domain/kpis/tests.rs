use super::*;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn each_kpi_applies_only_to_the_filters_its_data_carries() {
    let team = KpiFilters {
        team: Some("supervisor1".into()),
        ..Default::default()
    };
    assert!(Kpi::ALL.iter().all(|k| k.applies(&team)));
    let agent = KpiFilters {
        agent: Some("asesor1".into()),
        ..Default::default()
    };
    let applying: Vec<Kpi> = Kpi::ALL.into_iter().filter(|k| k.applies(&agent)).collect();
    assert!(!applying.contains(&Kpi::Rotacion));
    assert_eq!(applying.len(), 6);
    let tipo = KpiFilters {
        tipo_base: Some(BaseKind::Detractores),
        ..Default::default()
    };
    let applying: Vec<Kpi> = Kpi::ALL.into_iter().filter(|k| k.applies(&tipo)).collect();
    assert_eq!(applying, [Kpi::Contactabilidad, Kpi::Fcr]);
    let segmento = KpiFilters {
        segmento: Some(Segment::Hogar),
        ..Default::default()
    };
    let applying: Vec<Kpi> = Kpi::ALL
        .into_iter()
        .filter(|k| k.applies(&segmento))
        .collect();
    assert_eq!(applying, [Kpi::Contactabilidad, Kpi::Efectividad, Kpi::Fcr]);
    assert!(Kpi::ALL.iter().all(|k| k.applies(&KpiFilters::default())));
}

#[test]
fn nps_boundaries() {
    assert_eq!(nps_class(0), NpsClass::Detractor);
    assert_eq!(nps_class(6), NpsClass::Detractor);
    assert_eq!(nps_class(7), NpsClass::Pasivo);
    assert_eq!(nps_class(8), NpsClass::Pasivo);
    assert_eq!(nps_class(9), NpsClass::Promotor);
    assert_eq!(nps_class(10), NpsClass::Promotor);
    assert!(!satisfied(3) && satisfied(4) && satisfied(5));
}

#[test]
fn zero_denominators_have_no_value() {
    assert_eq!(ratio(0.0, 0.0), None);
    assert_eq!(ratio(3.0, 4.0), Some(0.75));
}

#[test]
fn a_period_covers_its_bogota_days_exactly() {
    let period = Period::new(day(2026, 3, 1), day(2026, 3, 31)).unwrap();
    let (start, end) = period.instants();
    assert_eq!(start.to_rfc3339(), "2026-03-01T05:00:00+00:00");
    assert_eq!(end.to_rfc3339(), "2026-04-01T05:00:00+00:00");
    let last_second = chrono::DateTime::parse_from_rfc3339("2026-03-31T23:59:59-05:00")
        .unwrap()
        .with_timezone(&Utc);
    assert!(period.contains(last_second));
    assert!(!period.contains(end));
    assert!(period.contains(start));
    assert!(!period.contains(start - Duration::seconds(1)));
    assert!(Period::new(day(2026, 3, 2), day(2026, 3, 1)).is_err());
}

#[test]
fn kpi_codes_round_trip_and_values_format_in_spanish() {
    for kpi in Kpi::ALL {
        assert_eq!(kpi.code().parse::<Kpi>(), Ok(kpi));
    }
    assert!("cualquiera".parse::<Kpi>().is_err());
    assert_eq!(Kpi::Fcr.format(0.725), "72,5 %");
    assert_eq!(Kpi::Nps.format(35.0), "+35,0");
    assert_eq!(Kpi::Nps.format(-12.5), "-12,5");
    assert!(!Kpi::Ausentismo.higher_is_better());
}

#[test]
fn filters_are_cleaned_as_forms_send_them() {
    let cleaned = KpiFilters {
        team: Some("  Supervisor1 ".into()),
        agent: Some("".into()),
        ..Default::default()
    }
    .cleaned();
    assert_eq!(cleaned.team.as_deref(), Some("supervisor1"));
    assert_eq!(cleaned.agent, None);
}
