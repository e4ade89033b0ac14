//! Demo data for a first run: one user of every role, in two teams, all with
//! the same demo password. Only `faro serve` on an empty database calls this.

use super::base_imports::{self, ImportProgress, ImportRequest, Importer};
use super::error::ServiceError;
use super::passwords;
use super::users::{NewUser, insert_user};
use crate::db;
use app::domain::bases::BaseKind;
use app::domain::role::Role;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// The demo password unless `--demo-password` says otherwise.
pub const DEFAULT_DEMO_PASSWORD: &str = "Faro.Demo.2026";

/// The demo users: login, name, role, leader. Leaders come before the people
/// who report to them.
pub const DEMO_USERS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "Diana Rojas", Role::Admin, None),
    ("gerente", "Martha Cárdenas", Role::Gerente, None),
    (
        "coordinador",
        "Andrés Villamil",
        Role::Coordinador,
        Some("gerente"),
    ),
    (
        "supervisor1",
        "Laura Gómez",
        Role::Supervisor,
        Some("coordinador"),
    ),
    (
        "supervisor2",
        "Julián Ortiz",
        Role::Supervisor,
        Some("coordinador"),
    ),
    (
        "asesor1",
        "Camila Restrepo",
        Role::Asesor,
        Some("supervisor1"),
    ),
    (
        "asesor2",
        "Santiago Mejía",
        Role::Asesor,
        Some("supervisor1"),
    ),
    (
        "asesor3",
        "Valentina Ríos",
        Role::Asesor,
        Some("supervisor2"),
    ),
    (
        "asesor4",
        "Mateo Herrera",
        Role::Asesor,
        Some("supervisor2"),
    ),
    ("backoffice", "Paola Castro", Role::Backoffice, None),
    ("calidad", "Natalia Suárez", Role::Calidad, None),
];

/// The demo bases: name, kind, segment, team (supervisor login), records.
const DEMO_BASES: &[(&str, BaseKind, &str, &str, usize)] = &[
    (
        "Fidelización Hogar (demostración)",
        BaseKind::Fidelizacion,
        "HOGAR",
        "supervisor1",
        60,
    ),
    (
        "Abandonos Móvil (demostración)",
        BaseKind::Abandonos,
        "MOVIL",
        "supervisor1",
        30,
    ),
    (
        "Detractores Hogar (demostración)",
        BaseKind::Detractores,
        "HOGAR",
        "supervisor2",
        40,
    ),
];

const FIRST_NAMES: &[&str] = &[
    "María", "Luis", "Ana", "Carlos", "Sofía", "Jorge", "Isabela", "Felipe", "Daniela", "Ricardo",
    "Lucía", "Hernán", "Gloria", "Esteban", "Paula", "Óscar",
];
const LAST_NAMES: &[&str] = &[
    "Gómez",
    "Rodríguez",
    "Martínez",
    "López",
    "García",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Muñoz",
    "Castaño",
    "Jaramillo",
    "Londoño",
    "Zapata",
    "Ospina",
    "Bermúdez",
];
const CITIES: &[&str] = &[
    "Bogotá",
    "Medellín",
    "Cali",
    "Barranquilla",
    "Bucaramanga",
    "Pereira",
    "Manizales",
];
const HOME_PLANS: &[(&str, &str, &str)] = &[
    ("INTERNET|TV|TELEFONIA", "Triple Play 300 Mbps", "129.900"),
    ("INTERNET|TV", "Doble Play 200 Mbps", "99.900"),
    ("INTERNET", "Internet 500 Mbps", "89.900"),
];
const MOBILE_PLANS: &[(&str, &str, &str)] = &[
    ("MOVIL", "Pospago 40 GB", "55.900"),
    ("MOVIL", "Pospago ilimitado", "85.900"),
];

/// A base file as an operation would receive it, deterministic so that
/// restarts produce the same demo.
fn demo_base_csv(kind: BaseKind, segment: &str, rows: usize, seed: usize) -> String {
    let mut csv = String::from(
        "cuenta;segmento;nombre;documento;telefonos;ciudad;servicios;plan;antiguedad_meses;\
         valor_mensual;motivo;nota_encuesta;fecha_evento;ofrecimientos;prioridad\n",
    );
    let plans = if segment == "HOGAR" {
        HOME_PLANS
    } else {
        MOBILE_PLANS
    };
    for i in 0..rows {
        let n = seed * 1000 + i;
        let (services, plan, value) = plans[n % plans.len()];
        let (motivo, nota, ofrecimientos) = match kind {
            BaseKind::Fidelizacion => ("Cliente de alto valor", "", "DESC15|UPGRADE_VEL"),
            BaseKind::Abandonos => ("Abandonó la llamada en la IVR", "", "DESC10"),
            BaseKind::Detractores => (
                "Encuesta NPS negativa",
                ["2", "4", "5", "6"][n % 4],
                "BONO_DATOS|DESC10",
            ),
            BaseKind::Cancelaciones => ("Solicitó la cancelación", "", "DESC20|DESC30"),
            BaseKind::Brownfield => ("Migración a fibra", "", "FTTH_MIGRA"),
        };
        let day = 1 + (n * 7) % 27;
        csv.push_str(&format!(
            "{cuenta};{segment};{first} {last} {last2};{doc};{phone}|{phone2};{city};{services};{plan};{tenure};\
             {value};{motivo};{nota};{day:02}/11/2026;{ofrecimientos};{prio}\n",
            cuenta = 80_000_000 + n * 37,
            first = FIRST_NAMES[n % FIRST_NAMES.len()],
            last = LAST_NAMES[(n / 3) % LAST_NAMES.len()],
            last2 = LAST_NAMES[(n * 5 + 2) % LAST_NAMES.len()],
            doc = 52_000_000 + n * 113,
            phone = 3_001_000_000u64 + (n as u64) * 7_919,
            phone2 = 6_012_000_000u64 + (n as u64) * 131,
            city = CITIES[n % CITIES.len()],
            tenure = 3 + (n * 11) % 90,
            prio = if n.is_multiple_of(10) { 5 } else { n % 3 },
        ));
    }
    csv
}

/// Imports the demo bases, each for its demo team, as `faro import` would.
pub async fn seed_bases(db: &DatabaseConnection) -> Result<(), ServiceError> {
    let progress = ImportProgress::default();
    for (seed, (name, kind, segment, team, rows)) in DEMO_BASES.iter().enumerate() {
        let request = ImportRequest {
            base_name: (*name).into(),
            kind: *kind,
            teams: vec![(*team).into()],
            file_name: "demostracion.csv".into(),
            valid_from: None,
            valid_to: None,
        };
        let csv = demo_base_csv(*kind, segment, *rows, seed + 1);
        let (_, job) =
            base_imports::start(db, Importer::CommandLine, request, csv.into_bytes()).await?;
        if let Some(job) = job {
            base_imports::run(db, &progress, job).await?;
        }
    }
    Ok(())
}

/// The demo agenda: every demo city, two weeks from today (no Sundays or
/// public holidays), three visits per franja; imported as `faro import
/// agenda` would.
pub async fn seed_agenda(db: &DatabaseConnection) -> Result<(), ServiceError> {
    use app::domain::holidays::is_holiday;
    use chrono::{Datelike, Weekday};
    let today = app::domain::local_time::local_date(chrono::Utc::now());
    let mut csv = String::from("zona,fecha,franja,capacidad\n");
    for city in CITIES {
        for offset in 0..14 {
            let day = today + chrono::Duration::days(offset);
            if day.weekday() == Weekday::Sun || is_holiday(day) {
                continue;
            }
            for franja in ["AM", "PM"] {
                csv.push_str(&format!("{city},{},{franja},3\n", day.format("%d/%m/%Y")));
            }
        }
    }
    super::field_ops::agenda::import_file(db, csv.as_bytes(), chrono::Utc::now()).await?;
    Ok(())
}

/// The leaders' current week planned from the practice catalog, and last
/// week's diálogos diarios recorded, so the calendar and the adherence
/// figures have something to show.
pub async fn seed_practices(db: &DatabaseConnection) -> Result<(), ServiceError> {
    use super::practices::{calendar, records};
    use app::api::practices::{RecordDetails, RecordDraft, WeekPlanRequest};
    use app::domain::local_time::to_local;
    use app::domain::practices::PracticeKind;
    use app::domain::practices::recurrence::{is_workday, week_start};
    let now = chrono::Utc::now();
    let today = to_local(now).date();
    for (login, _, role, _) in DEMO_USERS {
        if !matches!(role, Role::Supervisor | Role::Coordinador | Role::Gerente) {
            continue;
        }
        let actor = demo_actor(db, login).await?;
        calendar::plan_week(
            db,
            &actor,
            WeekPlanRequest {
                request_id: format!("demo-{login}"),
                week: today,
            },
            now,
        )
        .await?;
        if *role != Role::Supervisor {
            continue;
        }
        let last_monday = week_start(today) - chrono::Days::new(7);
        for day in last_monday.iter_days().take(5).filter(|d| is_workday(*d)) {
            let Some(started_at) = day.and_hms_opt(8, 0, 0) else {
                continue;
            };
            records::save(
                db,
                &actor,
                RecordDraft {
                    client_id: format!("demo-{login}-{day}"),
                    kind: PracticeKind::DialogoDiario,
                    event_id: None,
                    started_at,
                    minutes: 15,
                    participants: Vec::new(),
                    notes: String::new(),
                    details: RecordDetails::General {
                        agreements: "Revisar contactabilidad de la franja de la mañana.".into(),
                    },
                },
                now,
            )
            .await?;
        }
    }
    seed_ideas(db, now).await
}

/// A demo user as the services see them.
async fn demo_actor(
    db: &DatabaseConnection,
    login: &str,
) -> Result<super::authz::Actor, ServiceError> {
    let user = super::users::find_by_login(db, login).await?;
    let role = user
        .role
        .parse::<Role>()
        .map_err(|err| ServiceError::Internal(err.0))?;
    Ok(super::authz::Actor {
        id: user.id,
        login: user.login,
        name: user.name,
        role,
        reports_to_id: user.reports_to_id,
    })
}

/// A few ideas on the mejora continua board, one at each stage.
async fn seed_ideas(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use super::practices::ideas;
    use app::api::ideas::{IdeaDraft, IdeaStep};
    use app::domain::practices::ideas::{ClientStatus, IdeaAction, IdeaArea};
    let step = |action, client_status, note: &str| IdeaStep {
        action,
        client_status,
        note: note.to_string(),
    };
    let propose = |client_id: &str, area, title: &str, description: &str| IdeaDraft {
        client_id: client_id.to_string(),
        area,
        title: title.to_string(),
        description: description.to_string(),
    };
    let asesor2 = demo_actor(db, "asesor2").await?;
    let asesor3 = demo_actor(db, "asesor3").await?;
    let supervisor1 = demo_actor(db, "supervisor1").await?;
    let supervisor2 = demo_actor(db, "supervisor2").await?;
    let coordinador = demo_actor(db, "coordinador").await?;
    ideas::propose(
        db,
        &asesor2,
        propose(
            "demo-idea-1",
            IdeaArea::Proceso,
            "Validar los datos del titular una sola vez",
            "En las llamadas de abandonos se piden los datos dos veces (bienvenida y soporte). Con una sola validación la llamada dura menos y el cliente no se molesta.",
        ),
        now,
    )
    .await?;
    let sms = ideas::propose(
        db,
        &asesor3,
        propose(
            "demo-idea-2",
            IdeaArea::Producto,
            "SMS con el número de la orden de visita",
            "Enviar al cliente un mensaje con el número de la orden y la franja, para que no llame a preguntar.",
        ),
        now,
    )
    .await?;
    ideas::take_step(
        db,
        &supervisor2,
        sms.id,
        step(IdeaAction::Aprobar, None, "Reduce llamadas de seguimiento."),
        now,
    )
    .await?;
    ideas::take_step(
        db,
        &coordinador,
        sms.id,
        step(
            IdeaAction::Entregar,
            None,
            "Entregada en el circuito de mejora continua.",
        ),
        now,
    )
    .await?;
    ideas::take_step(
        db,
        &coordinador,
        sms.id,
        step(
            IdeaAction::RespuestaCliente,
            Some(ClientStatus::EnEstudio),
            "El cliente la evalúa con el área de mensajería.",
        ),
        now,
    )
    .await?;
    let callbacks = ideas::propose(
        db,
        &supervisor1,
        propose(
            "demo-idea-3",
            IdeaArea::Proceso,
            "Franja fija para devoluciones de llamada",
            "Reservar la última hora del turno para las devoluciones vencidas del día.",
        ),
        now,
    )
    .await?;
    ideas::take_step(
        db,
        &coordinador,
        callbacks.id,
        step(IdeaAction::Aprobar, None, ""),
        now,
    )
    .await?;
    Ok(())
}

/// Creates the demo users in one transaction.
pub async fn seed(db: &DatabaseConnection, password: &str) -> Result<(), ServiceError> {
    // One hash for all: the password is the same and published anyway.
    let hash = passwords::hash(password.to_string()).await?;
    let txn = db::begin_write(db).await?;
    for (login, name, role, reports_to) in DEMO_USERS {
        insert_user(
            &txn,
            NewUser {
                login,
                name,
                role: *role,
                reports_to: *reports_to,
                password_hash: hash.clone(),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn demo_bases_are_valid_files() {
        for (seed, (_, kind, segment, _, rows)) in DEMO_BASES.iter().enumerate() {
            let csv = demo_base_csv(*kind, segment, *rows, seed + 1);
            let (table, problems) = crate::imports::table::read(csv.as_bytes()).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            let (records, errors) = crate::imports::bases::check(&table);
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(records.len(), *rows);
        }
    }

    #[test]
    fn demo_covers_every_role_and_two_teams() {
        let roles: BTreeSet<Role> = DEMO_USERS.iter().map(|u| u.2).collect();
        assert_eq!(roles.len(), Role::ALL.len());
        let supervisors_with_agents: BTreeSet<&str> = DEMO_USERS
            .iter()
            .filter(|u| u.2 == Role::Asesor)
            .filter_map(|u| u.3)
            .collect();
        assert_eq!(supervisors_with_agents.len(), 2);
    }

    #[test]
    fn leaders_are_listed_before_their_reports() {
        for (index, user) in DEMO_USERS.iter().enumerate() {
            if let Some(leader) = user.3 {
                let leader_index = DEMO_USERS.iter().position(|u| u.0 == leader).unwrap();
                assert!(leader_index < index, "{} before {}", leader, user.0);
            }
        }
    }
}
