use super::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn offer(code: &str, level: u8, cost: i64) -> Offer {
    Offer {
        code: code.into(),
        name: format!("Oferta {code}"),
        script: "Le ofrecemos…".into(),
        segment: None,
        services: Vec::new(),
        kind: if level == 1 {
            OfferKind::BeneficioActual
        } else {
            OfferKind::Descuento
        },
        level,
        cost,
        duration_months: 6,
        valid_from: None,
        valid_to: None,
        base_kinds: Vec::new(),
        min_tenure_months: None,
        min_monthly_value: None,
        max_monthly_value: None,
        needs: Vec::new(),
        active: true,
    }
}

fn policy(max_level: u8, offers: &[&str]) -> RetentionPolicy {
    RetentionPolicy {
        code: "RET_HOGAR".into(),
        name: "Retención hogar".into(),
        base_kind: BaseKind::Cancelaciones,
        segment: Some(Segment::Hogar),
        max_level,
        offers: offers.iter().map(|s| s.to_string()).collect(),
        active: true,
    }
}

fn customer() -> CustomerProfile {
    CustomerProfile {
        base_kind: Some(BaseKind::Cancelaciones),
        segment: Some(Segment::Hogar),
        services: vec![Service::Internet, Service::Tv],
        tenure_months: Some(24),
        monthly_value: Some(129_900),
        base_offers: Vec::new(),
    }
}

fn presented(offer: &Offer, answer: OfferAnswer) -> Presentation {
    Presentation {
        offer: offer.code.clone(),
        name: offer.name.clone(),
        kind: offer.kind,
        level: offer.level,
        services: offer.services.clone(),
        answer,
    }
}

fn run<'a>(
    catalog: &[Offer],
    policies: &[RetentionPolicy],
    customer: &'a CustomerProfile,
    needs: &'a [Need],
    shown: &'a [Presentation],
) -> Selection {
    select(
        catalog,
        policies,
        SelectorInput {
            customer,
            needs,
            presented: shown,
            today: today(),
            explain: true,
        },
    )
}

fn codes(catalog: &[Offer], selection: &Selection) -> Vec<String> {
    selection
        .eligible
        .iter()
        .map(|c| catalog[c.index].code.clone())
        .collect()
}

#[test]
fn orders_by_level_then_fit_then_cost() {
    let mut cheap = offer("DESC10", 2, 10_000);
    cheap.needs = vec![Need::Velocidad];
    let mut fits = offer("DESC20", 2, 30_000);
    fits.needs = vec![Need::Precio];
    let benefit = offer("BENEFICIO", 1, 0);
    let upgrade = offer("UPGRADE", 3, 1_000);
    let catalog = vec![upgrade, cheap, fits, benefit];
    let c = customer();
    let s = run(&catalog, &[policy(3, &[])], &c, &[Need::Precio], &[]);
    assert_eq!(
        codes(&catalog, &s),
        ["BENEFICIO", "DESC20", "DESC10", "UPGRADE"]
    );
    assert!(
        s.eligible[1]
            .reasons
            .iter()
            .any(|r| r.contains("Responde a: Precio"))
    );
}

#[test]
fn a_higher_rung_opens_only_after_the_lower_ones_were_presented() {
    let benefit = offer("BENEFICIO", 1, 0);
    let d10 = offer("DESC10", 2, 10_000);
    let d20 = offer("DESC20", 2, 20_000);
    let up = offer("UPGRADE", 3, 5_000);
    let catalog = vec![benefit.clone(), d10.clone(), d20.clone(), up];
    let c = customer();
    let policies = [policy(3, &[])];

    let s = run(&catalog, &policies, &c, &[], &[]);
    let open: Vec<bool> = s.eligible.iter().map(|c| c.open).collect();
    assert_eq!(open, [true, false, false, false]);
    assert_eq!(catalog[s.next().unwrap().index].code, "BENEFICIO");

    let shown = [presented(&benefit, OfferAnswer::Rechaza)];
    let s = run(&catalog, &policies, &c, &[], &shown);
    assert_eq!(s.current_level(), Some(2));
    let open: Vec<bool> = s.eligible.iter().map(|c| c.open).collect();
    assert_eq!(open, [true, true, true, false]);

    // One of level 2 left: level 3 still closed.
    let shown = [
        presented(&benefit, OfferAnswer::Rechaza),
        presented(&d10, OfferAnswer::LoPensara),
    ];
    let s = run(&catalog, &policies, &c, &[], &shown);
    assert!(!s.eligible[3].open);
    assert_eq!(catalog[s.next().unwrap().index].code, "DESC20");

    let shown = [
        presented(&benefit, OfferAnswer::Rechaza),
        presented(&d10, OfferAnswer::Rechaza),
        presented(&d20, OfferAnswer::Rechaza),
    ];
    let s = run(&catalog, &policies, &c, &[], &shown);
    assert!(s.eligible[3].open);
    assert_eq!(s.current_level(), Some(3));
}

#[test]
fn says_why_each_other_offer_is_not_eligible() {
    let mut movil = offer("MOVIL_GB", 2, 1);
    movil.segment = Some(Segment::Movil);
    let mut old = offer("VIEJA", 2, 1);
    old.valid_to = NaiveDate::from_ymd_opt(2026, 1, 31);
    let mut loyal = offer("LEALES", 2, 1);
    loyal.min_tenure_months = Some(36);
    let mut rich = offer("PREMIUM", 2, 1);
    rich.min_monthly_value = Some(200_000);
    let mut phone = offer("TEL", 2, 1);
    phone.services = vec![Service::Telefonia];
    let mut fide = offer("SOLO_FIDE", 2, 1);
    fide.base_kinds = vec![BaseKind::Fidelizacion];
    let high = offer("ALTO", 5, 1);
    let outside = offer("FUERA", 2, 1);
    let mut retired = offer("RETIRADA", 2, 1);
    retired.active = false;
    let catalog = vec![movil, old, loyal, rich, phone, fide, high, outside, retired];
    let c = customer();
    let pol = policy(
        3,
        &[
            "MOVIL_GB",
            "VIEJA",
            "LEALES",
            "PREMIUM",
            "TEL",
            "SOLO_FIDE",
            "ALTO",
            "RETIRADA",
        ],
    );
    let s = run(&catalog, &[pol], &c, &[], &[]);
    assert!(s.eligible.is_empty(), "{:?}", codes(&catalog, &s));
    assert_eq!(s.excluded_count, 9);
    let why = |code: &str| {
        let e = s
            .excluded
            .iter()
            .find(|e| catalog[e.index].code == code)
            .unwrap();
        e.reasons.join(" ")
    };
    assert!(why("MOVIL_GB").contains("Es para clientes Móvil"));
    assert!(why("VIEJA").contains("Venció el 31/01/2026"));
    assert!(why("LEALES").contains("Pide 36 meses de antigüedad; el cliente tiene 24"));
    assert!(why("PREMIUM").contains("desde $ 200.000; el del cliente es $ 129.900"));
    assert!(why("TEL").contains("el cliente no tiene ese servicio"));
    assert!(why("SOLO_FIDE").contains("Solo para las bases Fidelización"));
    assert!(why("ALTO").contains("llega hasta el escalón 3"));
    assert!(why("FUERA").contains("No está en la política"));
    assert!(why("RETIRADA").contains("retirada"));
}

#[test]
fn offers_that_came_in_the_base_skip_the_campaign_rules_but_not_the_customer_facts() {
    let mut base = offer("DESC15", 2, 1);
    base.min_tenure_months = Some(120);
    let mut wrong_segment = offer("BONO_DATOS", 2, 1);
    wrong_segment.segment = Some(Segment::Movil);
    let catalog = vec![base, wrong_segment];
    let mut c = customer();
    c.base_offers = vec!["DESC15".into(), "BONO_DATOS".into()];
    // No policy at all: the base's own offers are still there.
    let s = run(&catalog, &[], &c, &[], &[]);
    assert_eq!(codes(&catalog, &s), ["DESC15"]);
    assert!(s.eligible[0].from_base);
    assert!(
        s.eligible[0]
            .reasons
            .iter()
            .any(|r| r.contains("Llegó en la base"))
    );
}

#[test]
fn without_a_policy_only_the_current_benefits_remain() {
    let catalog = vec![offer("BENEFICIO", 1, 0), offer("DESC10", 2, 1)];
    let c = customer();
    let s = run(&catalog, &[], &c, &[], &[]);
    assert_eq!(codes(&catalog, &s), ["BENEFICIO"]);
    assert!(s.excluded[0].reasons[0].contains("no tiene una política"));
}

#[test]
fn the_segment_policy_wins_over_the_one_for_both() {
    let mut both = policy(2, &[]);
    both.code = "AMBOS".into();
    both.segment = None;
    let own = policy(4, &[]);
    let policies = [both, own];
    assert_eq!(policy_for(&policies, &customer()).unwrap().max_level, 4);
    let mut movil = customer();
    movil.segment = Some(Segment::Movil);
    assert_eq!(policy_for(&policies, &movil).unwrap().max_level, 2);
    let mut other = customer();
    other.base_kind = Some(BaseKind::Fidelizacion);
    assert!(policy_for(&policies, &other).is_none());
}

fn check(
    catalog: &[Offer],
    policies: &[RetentionPolicy],
    shown: &[Presentation],
    at_start: Option<&BTreeSet<String>>,
) -> Result<Vec<Presentation>, String> {
    check_presentations(catalog, policies, &customer(), shown, today(), at_start)
}

#[test]
fn the_close_check_refuses_a_skipped_rung() {
    let benefit = offer("BENEFICIO", 1, 0);
    let d10 = offer("DESC10", 2, 1);
    let up = offer("UPGRADE", 3, 1);
    let catalog = vec![benefit.clone(), d10.clone(), up.clone()];
    let policies = [policy(3, &[])];
    let ok = [
        presented(&benefit, OfferAnswer::Rechaza),
        presented(&d10, OfferAnswer::Rechaza),
        presented(&up, OfferAnswer::Acepta),
    ];
    assert_eq!(check(&catalog, &policies, &ok, None), Ok(ok.to_vec()));
    let skipped = [
        presented(&benefit, OfferAnswer::Rechaza),
        presented(&up, OfferAnswer::Acepta),
    ];
    let err = check(&catalog, &policies, &skipped, None).unwrap_err();
    assert!(
        err.contains("antes de «Oferta DESC10» (escalón 2)"),
        "{err}"
    );

    // Judged by what the agent could see: an offer retired during the call,
    // or one that only became eligible after the call started, never blocks.
    let started: BTreeSet<String> = ["BENEFICIO", "UPGRADE"].map(String::from).into();
    assert!(check(&catalog, &policies, &skipped, Some(&started)).is_ok());
    let mut retired = catalog.clone();
    retired[1].active = false;
    assert!(check(&retired, &policies, &skipped, None).is_ok());
    // Retired during the call, yet presented: still accepted.
    let all: BTreeSet<String> = ["BENEFICIO", "DESC10", "UPGRADE"].map(String::from).into();
    assert!(check(&retired, &policies, &ok, Some(&all)).is_ok());
}

#[test]
fn the_close_check_trusts_the_catalog_not_the_browser() {
    let benefit = offer("BENEFICIO", 1, 0);
    let d10 = offer("DESC10", 2, 1);
    let mut loyal = offer("LEALES", 2, 1);
    loyal.min_tenure_months = Some(60);
    let catalog = vec![benefit.clone(), d10.clone(), loyal.clone()];
    let policies = [policy(3, &[])];
    // A forged rung is replaced by the catalog's, which then breaks the ladder.
    let mut forged = presented(&d10, OfferAnswer::Acepta);
    forged.level = 1;
    forged.name = "Otra cosa".into();
    let err = check(&catalog, &policies, &[forged], None).unwrap_err();
    assert!(
        err.contains("Se presentó «Oferta DESC10» (escalón 2)"),
        "{err}"
    );
    // Unknown, repeated or ineligible offers are refused by name.
    let mut unknown = presented(&d10, OfferAnswer::Acepta);
    unknown.offer = "NO_EXISTE".into();
    assert!(
        check(&catalog, &policies, &[unknown], None)
            .unwrap_err()
            .contains("«NO_EXISTE» no está en el catálogo")
    );
    let twice = [
        presented(&benefit, OfferAnswer::Rechaza),
        presented(&benefit, OfferAnswer::Rechaza),
    ];
    assert!(
        check(&catalog, &policies, &twice, None)
            .unwrap_err()
            .contains("dos veces")
    );
    let not_for_them = [
        presented(&benefit, OfferAnswer::Rechaza),
        presented(&loyal, OfferAnswer::Acepta),
    ];
    assert!(
        check(&catalog, &policies, &not_for_them, None)
            .unwrap_err()
            .contains("«Oferta LEALES» no aplica")
    );
    // What is stored is the catalog's description.
    let stored = check(
        &catalog,
        &policies,
        &[presented(&benefit, OfferAnswer::Acepta)],
        None,
    )
    .unwrap();
    assert_eq!(stored[0].name, "Oferta BENEFICIO");
    assert_eq!(
        eligible_codes(&catalog, &policies, &customer(), today()),
        ["BENEFICIO", "DESC10"].map(String::from).into()
    );
}

#[test]
fn presentations_round_trip_through_the_answer_value() {
    let shown = vec![presented(&offer("DESC10", 2, 1), OfferAnswer::LoPensara)];
    let value = presentations_value(&shown);
    assert_eq!(parse_presentations(&value), Ok(shown));
    assert_eq!(presentations_value(&[]), "");
    assert_eq!(parse_presentations(""), Ok(Vec::new()));
    assert!(parse_presentations("[{]").is_err());
}

#[test]
fn reads_services_and_needs_as_files_write_them() {
    assert_eq!(
        parse_services(["internet|TV", "Telefonía", "otro"]),
        [Service::Internet, Service::Tv, Service::Telefonia]
    );
    assert_eq!(
        parse_needs("PRECIO|fallas técnicas|x"),
        [Need::Precio, Need::FallasTecnicas]
    );
    assert_eq!(pesos(129_900), "$ 129.900");
    assert_eq!(pesos(1_000_000), "$ 1.000.000");
    assert_eq!(pesos(900), "$ 900");
}

#[test]
fn admin_input_problems_are_named_by_field() {
    let mut bad = offer("desc 10", 1, -5);
    bad.kind = OfferKind::Descuento;
    bad.name = " ".into();
    bad.min_monthly_value = Some(10);
    bad.max_monthly_value = Some(5);
    let fields: Vec<&str> = offer_problems(&bad).iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        ["code", "name", "level", "cost", "max_monthly_value"]
    );
    assert!(offer_problems(&offer("DESC10", 2, 1)).is_empty());
    let pol = policy(1, &["NO_EXISTE"]);
    let fields: Vec<&str> = policy_problems(&pol, &[]).iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["max_level", "offers"]);
}

fn arb_offer() -> impl Strategy<Value = Offer> {
    (
        1u8..6,
        0i64..100_000,
        proptest::collection::vec(0usize..Need::ALL.len(), 0..3),
        proptest::option::of(0u32..60),
        any::<bool>(),
        0usize..3,
    )
        .prop_map(|(level, cost, needs, tenure, active, segment)| {
            let mut o = offer("X", level, cost);
            o.needs = needs.into_iter().map(|i| Need::ALL[i]).collect();
            o.min_tenure_months = tenure;
            o.active = active || level == 1;
            o.segment = [None, Some(Segment::Hogar), Some(Segment::Movil)][segment];
            o
        })
}

proptest! {
    /// The list is ordered level first, then fit, then cost, whatever the
    /// catalog and the needs.
    #[test]
    fn eligible_offers_are_ordered(
        mut catalog in proptest::collection::vec(arb_offer(), 0..40),
        needs in proptest::collection::vec(0usize..Need::ALL.len(), 0..4),
        max_level in 2u8..6,
    ) {
        for (i, o) in catalog.iter_mut().enumerate() {
            o.code = format!("OF{i:03}");
        }
        let needs: Vec<Need> = needs.into_iter().map(|i| Need::ALL[i]).collect();
        let c = customer();
        let s = run(&catalog, &[policy(max_level, &[])], &c, &needs, &[]);
        for pair in s.eligible.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let key = |x: &Candidate| (x.level, std::cmp::Reverse(x.fit), catalog[x.index].cost);
            prop_assert!(key(a) <= key(b));
        }
        prop_assert_eq!(s.eligible.len() + s.excluded_count, catalog.len());
        for c in &s.eligible {
            prop_assert!(c.level <= max_level);
        }
    }

    /// Presenting in the selector's order never breaks the ladder, the next
    /// offer is always open, and a rung is open exactly when every eligible
    /// offer below it was presented.
    #[test]
    fn following_the_selector_climbs_the_ladder_in_order(
        mut catalog in proptest::collection::vec(arb_offer(), 0..30),
        answers in proptest::collection::vec(0usize..3, 30),
    ) {
        for (i, o) in catalog.iter_mut().enumerate() {
            o.code = format!("OF{i:03}");
        }
        let c = customer();
        let policies = [policy(5, &[])];
        let mut shown: Vec<Presentation> = Vec::new();
        for answer in answers {
            let s = run(&catalog, &policies, &c, &[], &shown);
            for cand in &s.eligible {
                let lower_all_shown = s.eligible.iter()
                    .filter(|o| o.level < cand.level)
                    .all(|o| o.answer.is_some());
                prop_assert_eq!(cand.open, lower_all_shown);
            }
            let Some(next) = s.next() else { break };
            prop_assert!(next.open);
            shown.push(presented(&catalog[next.index], OfferAnswer::ALL[answer]));
            let started = eligible_codes(&catalog, &policies, &c, today());
            prop_assert!(check_presentations(&catalog, &policies, &c, &shown, today(), Some(&started)).is_ok());
            prop_assert!(check_presentations(&catalog, &policies, &c, &shown, today(), None).is_ok());
        }
    }
}
