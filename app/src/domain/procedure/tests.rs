use super::*;
use proptest::prelude::*;

const DEFAULT: &str = include_str!("../../../../procedures/claro-premium-v1.toml");

fn default_procedure() -> Procedure {
    match toml::from_str(DEFAULT) {
        Ok(procedure) => procedure,
        Err(err) => panic!("the default procedure does not parse: {}", err.message()),
    }
}

fn context(tipo_base: &str, segmento: &str) -> CallContext {
    CallContext {
        tipo_base: tipo_base.into(),
        segmento: segmento.into(),
    }
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_default_procedure_validates() {
    let procedure = default_procedure();
    assert_eq!(validate(&procedure), Vec::<String>::new());
    assert_eq!(procedure.meta.version, 1);
    assert_eq!(procedure.meta.author, "Carlos Julio Bonilla Vargas");
    let numbers: BTreeSet<u8> = procedure.steps.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=8).collect());
}

#[test]
fn every_path_of_the_default_procedure_ends_at_cierre() {
    let procedure = default_procedure();
    let paths = all_paths(&procedure);
    assert!(paths.len() >= 6, "{paths:?}");
    for path in paths {
        assert_eq!(path.first().map(String::as_str), Some("bienvenida"));
        assert_eq!(path.last().map(String::as_str), Some("cierre"), "{path:?}");
    }
}

#[test]
fn the_file_round_trips_through_toml_and_json() {
    let procedure = default_procedure();
    let text = toml::to_string(&procedure).expect("serializes");
    assert_eq!(
        toml::from_str::<Procedure>(&text).expect("parses"),
        procedure
    );
    let json = serde_json::to_string(&procedure).expect("json");
    assert_eq!(
        serde_json::from_str::<Procedure>(&json).expect("json"),
        procedure
    );
}

#[test]
fn a_support_call_with_a_physical_fault_goes_through_the_visit() {
    let procedure = default_procedure();
    let ctx = context("ABANDONOS", "HOGAR");
    let mut given = answers(&[
        ("habla_con_titular", "SI"),
        ("cuenta_validada", "SI"),
        ("estado_servicio", "CON_FALLA"),
        ("requerimiento", "SOPORTE"),
        ("servicio_afectado", "INTERNET"),
        ("tipo_falla", "PUNTUAL"),
        ("falla_confirmada", "SI"),
        ("servicios_asociados", "SI"),
        ("sin_masiva_en_zona", "SI"),
        ("cm_enganchado", "NO"),
        ("vecinos_con_senal", "SI"),
        ("solucionado", "NO"),
    ]);
    let support = procedure.step("soporte").expect("soporte");
    assert_eq!(
        support.suggested("resolucion", &ctx, &given),
        Some("VISITA")
    );
    given.insert("resolucion".into(), "VISITA".into());
    assert_eq!(support.next_step(&ctx, &given), Some("visita"));
    let walked = walk(&procedure, &ctx, &given);
    assert_eq!(
        walked.path,
        ["bienvenida", "requerimiento", "soporte", "visita"]
    );
    assert!(
        walked
            .problems
            .contains(&"Falta «Tipo de visita».".to_string())
    );
}

#[test]
fn hidden_fields_are_not_asked_and_checks_must_be_ticked() {
    let procedure = default_procedure();
    let ctx = context("FIDELIZACION", "HOGAR");
    let step = procedure.step("bienvenida").expect("step");
    assert_eq!(
        step.problems(&ctx, &answers(&[("habla_con_titular", "SI")])),
        ["Confirme «Cuenta validada con los datos personales del cliente»."]
    );
    // The AC tickler is only for MÓVIL.
    let typing = procedure.step("tipificacion").expect("step");
    let visible = |segmento| {
        typing
            .visible_fields(&context("FIDELIZACION", segmento), &Answers::new())
            .any(|f| f.id == "tickler_ac")
    };
    assert!(visible("MOVIL"));
    assert!(!visible("HOGAR"));
}

#[test]
fn codes_are_checked_with_a_spanish_message() {
    let procedure = default_procedure();
    let inc = procedure.field("numero_inc").expect("inc");
    assert_eq!(inc.check_value("INC000123456"), None);
    assert_eq!(inc.check_value("inc1234567"), None);
    assert_eq!(
        inc.check_value("123456"),
        Some("«Número del aviso»: escriba INC seguido de 6 a 12 dígitos.".into())
    );
    assert!(inc.check_value("INC12A456").is_some());
    let cun = procedure.field("cun").expect("cun");
    assert!(cun.check_value("4436230000123").is_none());
    assert!(cun.check_value("44-36").is_some());
}

#[test]
fn scripts_fill_their_placeholders() {
    let values = BTreeMap::from([
        ("cliente", "Ana Pérez".to_string()),
        ("asesor", "Luis".into()),
    ]);
    assert_eq!(
        render_script("Hola {cliente}, le habla {asesor}. {otro}", &values),
        "Hola Ana Pérez, le habla Luis. {otro}"
    );
    assert_eq!(render_script("sin cierre {", &values), "sin cierre {");
}

#[test]
fn the_validator_lists_every_problem_in_spanish() {
    let mut procedure = default_procedure();
    // A dead end, a missing target, a condition on a missing field, a cycle.
    procedure.steps[2].next.clear();
    procedure.steps[3].next = vec![Branch {
        to: "no_existe".into(),
        when: vec![],
    }];
    procedure.steps[4].next.insert(
        0,
        Branch {
            to: "bienvenida".into(),
            when: vec![Clause {
                field: "campo_fantasma".into(),
                is: vec!["X".into()],
                not: false,
            }],
        },
    );
    procedure.meta.approver = " ".into();
    let problems = validate(&procedure);
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(has("callejón sin salida"), "{problems:#?}");
    assert!(has("el paso «no_existe» no existe"), "{problems:#?}");
    assert!(has("«campo_fantasma», que no existe"), "{problems:#?}");
    assert!(has("vuelve al paso «bienvenida»"), "{problems:#?}");
    assert!(has("falta quién lo aprobó"), "{problems:#?}");
}

#[test]
fn the_validator_requires_the_recorded_fields_and_one_end() {
    let mut procedure = default_procedure();
    for step in &mut procedure.steps {
        step.fields
            .retain(|f| f.records != Some(Recorded::Callback));
    }
    procedure.steps[0].end = true;
    let problems = validate(&procedure);
    assert!(
        problems.iter().any(|p| p.contains("«callback»")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("exactamente un paso de cierre"))
    );
}

#[test]
fn offers_fields_and_service_outcomes_are_validated() {
    use crate::domain::offers::Service;
    let mut procedure = default_procedure();
    for step in &mut procedure.steps {
        for field in &mut step.fields {
            match field.id.as_str() {
                // Two fields keeping the same service's outcome.
                "resultado_tv" => field.outcome_of = Some(Service::Internet),
                // Needs taken from a field that is not a list of needs.
                "ofrecimientos" => field.needs_from = Some("servicios_cancelacion".into()),
                // An outcome that is not RETENIDO / CANCELACION_RADICADA.
                "saldo" => field.outcome_of = Some(Service::Movil),
                _ => {}
            }
        }
    }
    let problems = validate(&procedure);
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(
        has("los dos guardan el resultado de Internet"),
        "{problems:#?}"
    );
    assert!(
        has("«needs_from» debe nombrar una lista de necesidades"),
        "{problems:#?}"
    );
    assert!(
        has("«saldo»: el resultado de un servicio es una lista"),
        "{problems:#?}"
    );
}

#[test]
fn an_offers_field_answers_conditions_with_the_kinds_accepted() {
    use crate::domain::offers::{OfferAnswer, OfferKind, Presentation, presentations_value};
    let shown = |kind, answer| Presentation {
        offer: "X".into(),
        name: "X".into(),
        kind,
        level: 2,
        services: vec![],
        answer,
    };
    let clause = Clause {
        field: "ofrecimientos_fidelizacion".into(),
        is: vec!["MIGRACION_FTTH".into()],
        not: false,
    };
    let ctx = context("BROWNFIELD", "HOGAR");
    let with = |list: &[Presentation]| {
        answers(&[("ofrecimientos_fidelizacion", &presentations_value(list))])
    };
    assert!(clause.holds(
        &ctx,
        &with(&[shown(OfferKind::MigracionFtth, OfferAnswer::Acepta)])
    ));
    assert!(!clause.holds(
        &ctx,
        &with(&[shown(OfferKind::MigracionFtth, OfferAnswer::Rechaza)])
    ));
    assert!(!clause.holds(&ctx, &with(&[])));
    // A text that merely looks like a list is compared as it is.
    let text = Clause {
        field: "nota".into(),
        is: vec!["[x]".into()],
        not: false,
    };
    assert!(text.holds(&ctx, &answers(&[("nota", "[x]")])));
}

/// A valid value for every field, chosen by the strategy's numbers.
fn fill(procedure: &Procedure, picks: &[u8]) -> Answers {
    let mut out = Answers::new();
    for (n, (_, field)) in procedure.fields().enumerate() {
        let pick = usize::from(picks.get(n % picks.len().max(1)).copied().unwrap_or(0));
        let value = match field.kind {
            FieldKind::YesNo => ["SI", "NO"][pick % 2].to_string(),
            FieldKind::Check => "SI".to_string(),
            FieldKind::Choice => field.options[pick % field.options.len()].value.clone(),
            FieldKind::Multi => {
                let first = &field.options[pick % field.options.len()].value;
                let second = &field.options[(pick / 3) % field.options.len()].value;
                if first == second {
                    first.clone()
                } else {
                    format!("{first}|{second}")
                }
            }
            FieldKind::Date => "2026-12-01".into(),
            FieldKind::DateTime => "2026-12-01T09:30".into(),
            FieldKind::Code => format!(
                "{}{}",
                field.prefix.clone().unwrap_or_default(),
                "7".repeat(usize::from(field.min_digits.unwrap_or(1)))
            ),
            FieldKind::Typification => "SAC_INFORMACION".into(),
            FieldKind::Offers => {
                use crate::domain::offers::{
                    OfferAnswer, OfferKind, Presentation, presentations_value,
                };
                presentations_value(&[Presentation {
                    offer: "OFERTA".into(),
                    name: "Oferta".into(),
                    kind: OfferKind::ALL[pick % OfferKind::ALL.len()],
                    level: 2,
                    services: Vec::new(),
                    answer: OfferAnswer::ALL[pick % 3],
                }])
            }
            FieldKind::VisitSlot => {
                use crate::domain::field_ops::{BookedSlot, Franja, SlotAnswer};
                match pick % 3 {
                    0 => SlotAnswer::Booked(BookedSlot {
                        visit: 1,
                        slot: 1,
                        zone: "Bogotá".into(),
                        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                        franja: Franja::Am,
                    }),
                    1 => SlotAnswer::NoSlot,
                    _ => SlotAnswer::Blocked,
                }
                .value()
            }
            FieldKind::Text | FieldKind::Notes => format!("texto {pick}"),
            FieldKind::DueDate => continue,
        };
        out.insert(field.id.clone(), value);
    }
    out
}

proptest! {
    /// Whatever the customer answers, the default procedure leads from the
    /// welcome to Cierre and asks for nothing it cannot take.
    #[test]
    fn any_answers_lead_the_default_procedure_to_cierre(
        picks in proptest::collection::vec(any::<u8>(), 1..64),
        tipo in 0usize..5,
        movil in any::<bool>(),
    ) {
        let procedure = default_procedure();
        let ctx = context(
            ["FIDELIZACION", "ABANDONOS", "DETRACTORES", "CANCELACIONES", "BROWNFIELD"][tipo],
            if movil { "MOVIL" } else { "HOGAR" },
        );
        let given = fill(&procedure, &picks);
        let walked = walk(&procedure, &ctx, &given);
        prop_assert!(walked.complete, "{:?}", walked);
        prop_assert_eq!(walked.path.last().map(String::as_str), Some("cierre"));
    }

    /// For any procedure graph the validator accepts, every branch path ends
    /// at the closing step: validation really rules out dead ends and loops.
    #[test]
    fn a_validated_graph_has_no_dead_ends(
        size in 2usize..8,
        edges in proptest::collection::vec((0usize..8, 0usize..8, any::<bool>()), 0..20),
    ) {
        let mut procedure = default_procedure();
        let template = procedure.steps.clone();
        let ids: Vec<String> = (0..size).map(|i| format!("s{i}")).collect();
        procedure.steps = (0..size).map(|i| {
            let mut step = template[i % template.len()].clone();
            step.id = ids[i].clone();
            step.fields.clear();
            step.suggestions.clear();
            step.next.clear();
            step.end = i == size - 1;
            step
        }).collect();
        // The recorded fields live on the closing step.
        let closing = template.iter().find(|s| s.end).expect("cierre").fields.clone();
        let typing = template.iter().find(|s| s.id == "tipificacion").expect("t").fields.clone();
        procedure.steps[size - 1].fields = closing.into_iter().chain(typing).collect();
        for (from, to, conditional) in edges {
            let (from, to) = (from % size, to % size);
            if from == size - 1 { continue; }
            let when = if conditional {
                vec![Clause { field: "tipo_base".into(), is: vec!["ABANDONOS".into()], not: false }]
            } else { vec![] };
            procedure.steps[from].next.push(Branch { to: ids[to].clone(), when });
        }
        if validate(&procedure).is_empty() {
            for path in all_paths(&procedure) {
                prop_assert_eq!(path.last(), Some(&ids[size - 1]), "{:?}", path);
            }
        }
    }
}
