//! The technical-visit agenda (the WFM agenda of procedure step 4): slots
//! by zone, day and franja with a capacity. The back office and the admin
//! open them (form or CSV); the guide lists the customer's zone.

use super::super::authz::Actor;
use super::super::error::ServiceError;
use super::super::typifications::line_errors;
use crate::db::{self, entities::visit_slots};
use crate::imports::{RowError, table};
use app::api::field_ops::{SlotBatch, SlotChange, SlotImport, SlotView};
use app::domain::field_ops::{Franja, MAX_CAPACITY, place_key, slot_passed, slot_problems};
use app::domain::holidays::is_holiday;
use app::domain::local_time::local_date;
use app::domain::role::Capability;
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::Expr,
};

/// The longest range one batch or listing covers.
const MAX_DAYS: i64 = 92;

pub fn to_view(model: &visit_slots::Model) -> SlotView {
    SlotView {
        id: model.id,
        zone: model.zone.clone(),
        date: model.date,
        franja: model.franja.parse().unwrap_or(Franja::Am),
        capacity: model.capacity,
        booked: model.booked,
        active: model.active,
    }
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<visit_slots::Model, ServiceError> {
    visit_slots::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El cupo no existe.".into()))
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ServiceError> {
    if to < from {
        return Err(ServiceError::invalid(
            "to",
            "La fecha final es anterior a la inicial.",
        ));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ServiceError::invalid(
            "to",
            format!("Elija un rango de hasta {MAX_DAYS} días."),
        ));
    }
    Ok(())
}

/// The agenda of a range, optionally of one zone: kept by the back office
/// and the admin, read by agents and leaders (who reschedule their cases'
/// visits). It holds no customer data.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    zone: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SlotView>, ServiceError> {
    actor.require_any(&[
        Capability::WorkEscalations,
        Capability::WorkOwnQueue,
        Capability::ViewTeam,
    ])?;
    check_range(from, to)?;
    let mut query = visit_slots::Entity::find()
        .filter(visit_slots::Column::Date.gte(from))
        .filter(visit_slots::Column::Date.lte(to));
    if let Some(zone) = zone.map(str::trim).filter(|z| !z.is_empty()) {
        query = query.filter(visit_slots::Column::ZoneKey.eq(place_key(zone)));
    }
    let rows = query
        .order_by_asc(visit_slots::Column::ZoneKey)
        .order_by_asc(visit_slots::Column::Date)
        .order_by_asc(visit_slots::Column::Franja)
        .limit(5_000)
        .all(db)
        .await?;
    Ok(rows.iter().map(to_view).collect())
}

/// The slots of one zone from `from` for the guide (full ones included).
pub async fn of_zone(
    db: &impl ConnectionTrait,
    zone: &str,
    from: NaiveDate,
    days: i64,
) -> Result<Vec<SlotView>, ServiceError> {
    let rows = visit_slots::Entity::find()
        .filter(visit_slots::Column::ZoneKey.eq(place_key(zone)))
        .filter(visit_slots::Column::Date.gte(from))
        .filter(visit_slots::Column::Date.lt(from + chrono::Duration::days(days)))
        .filter(visit_slots::Column::Active.eq(true))
        .order_by_asc(visit_slots::Column::Date)
        .order_by_asc(visit_slots::Column::Franja)
        .all(db)
        .await?;
    let now = Utc::now();
    Ok(rows
        .iter()
        .map(to_view)
        .filter(|slot| !slot_passed(slot.date, slot.franja, now))
        .collect())
}

/// One slot to open or change, checked.
struct SlotLine {
    zone: String,
    date: NaiveDate,
    franja: Franja,
    capacity: i32,
}

/// Creates the slot or sets its capacity (a capacity never drops below
/// what is already booked). Answers whether it existed.
async fn upsert(
    txn: &impl ConnectionTrait,
    line: &SlotLine,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let key = place_key(&line.zone);
    let existing = visit_slots::Entity::find()
        .filter(visit_slots::Column::ZoneKey.eq(&key))
        .filter(visit_slots::Column::Date.eq(line.date))
        .filter(visit_slots::Column::Franja.eq(line.franja.code()))
        .one(txn)
        .await?;
    match existing {
        Some(slot) => {
            if line.capacity < slot.booked {
                return Err(ServiceError::invalid(
                    "capacity",
                    format!(
                        "{} {} {}: ya tiene {} visitas agendadas; la capacidad no puede ser menor.",
                        slot.zone,
                        slot.date.format("%d/%m/%Y"),
                        slot.franja,
                        slot.booked
                    ),
                ));
            }
            // Checked again in the statement: a booking may have landed
            // since the read.
            let changed = visit_slots::Entity::update_many()
                .col_expr(visit_slots::Column::Capacity, Expr::value(line.capacity))
                .col_expr(visit_slots::Column::Active, Expr::value(true))
                .col_expr(visit_slots::Column::UpdatedAt, Expr::value(now))
                .filter(visit_slots::Column::Id.eq(slot.id))
                .filter(visit_slots::Column::Booked.lte(line.capacity))
                .exec(txn)
                .await?
                .rows_affected;
            if changed == 0 {
                return Err(ServiceError::invalid(
                    "capacity",
                    format!(
                        "{} {} {}: tiene más visitas agendadas que la capacidad pedida.",
                        slot.zone,
                        slot.date.format("%d/%m/%Y"),
                        slot.franja
                    ),
                ));
            }
            Ok(true)
        }
        None => {
            visit_slots::Entity::insert(visit_slots::ActiveModel {
                id: NotSet,
                zone: Set(line.zone.split_whitespace().collect::<Vec<_>>().join(" ")),
                zone_key: Set(key),
                date: Set(line.date),
                franja: Set(line.franja.code().into()),
                capacity: Set(line.capacity),
                booked: Set(0),
                active: Set(true),
                updated_at: Set(now),
            })
            .exec_without_returning(txn)
            .await?;
            Ok(false)
        }
    }
}

async fn store(
    db: &DatabaseConnection,
    lines: &[SlotLine],
    now: DateTime<Utc>,
) -> Result<SlotImport, ServiceError> {
    let txn = db::begin_write(db).await?;
    let mut updated = 0;
    for line in lines {
        if upsert(&txn, line, now).await? {
            updated += 1;
        }
    }
    txn.commit().await?;
    Ok(SlotImport {
        created: lines.len() as u32 - updated,
        updated,
    })
}

/// Opens the slots of a zone for every day of a range.
pub async fn open(
    db: &DatabaseConnection,
    actor: &Actor,
    batch: SlotBatch,
    now: DateTime<Utc>,
) -> Result<SlotImport, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let today = local_date(now);
    let mut problems: Vec<(String, String)> =
        slot_problems(&batch.zone, batch.from, batch.capacity, today)
            .into_iter()
            .map(|(field, message)| {
                let field = if field == "date" { "from" } else { field };
                (field.to_string(), message)
            })
            .collect();
    if batch.franjas.is_empty() {
        problems.push(("franjas".into(), "Elija al menos una franja.".into()));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    check_range(batch.from, batch.to)?;
    let mut lines = Vec::new();
    let mut day = batch.from;
    while day <= batch.to {
        let closed = batch.skip_holidays && (day.weekday() == Weekday::Sun || is_holiday(day));
        if !closed {
            for franja in &batch.franjas {
                lines.push(SlotLine {
                    zone: batch.zone.trim().to_string(),
                    date: day,
                    franja: *franja,
                    capacity: batch.capacity,
                });
            }
        }
        day = day.succ_opt().unwrap_or(day);
        if day == NaiveDate::MAX {
            break;
        }
    }
    if lines.is_empty() {
        return Err(ServiceError::invalid(
            "to",
            "El rango solo tiene domingos o festivos: no se abrió ningún cupo.",
        ));
    }
    store(db, &lines, now).await
}

/// Changes one slot's capacity or closes/reopens it.
pub async fn change(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    change: SlotChange,
    now: DateTime<Utc>,
) -> Result<SlotView, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    if !(0..=MAX_CAPACITY).contains(&change.capacity) {
        return Err(ServiceError::invalid(
            "capacity",
            format!("La capacidad va de 0 a {MAX_CAPACITY} visitas."),
        ));
    }
    let txn = db::begin_write(db).await?;
    let slot = find(&txn, id).await?;
    // Lowered only down to what is booked, in the same statement that
    // checks it, so a booking racing this change is never squeezed out.
    let changed = visit_slots::Entity::update_many()
        .col_expr(visit_slots::Column::Capacity, Expr::value(change.capacity))
        .col_expr(visit_slots::Column::Active, Expr::value(change.active))
        .col_expr(visit_slots::Column::UpdatedAt, Expr::value(now))
        .filter(visit_slots::Column::Id.eq(slot.id))
        .filter(visit_slots::Column::Booked.lte(change.capacity))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(ServiceError::invalid(
            "capacity",
            format!(
                "El cupo ya tiene {} visitas agendadas; la capacidad no puede ser menor.",
                slot.booked
            ),
        ));
    }
    let stored = find(&txn, id).await?;
    txn.commit().await?;
    Ok(to_view(&stored))
}

/// The agenda from CSV (`zona,fecha,franja,capacidad`), whole or not at all.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<SlotImport, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    import_file(db, bytes, now).await
}

/// The import itself, for the page and the command line.
pub async fn import_file(
    db: &DatabaseConnection,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<SlotImport, ServiceError> {
    let (table, mut errors) = table::read(bytes).map_err(|e| line_errors(vec![e]))?;
    let (lines, more) = check_rows(&table, local_date(now));
    errors.extend(more);
    if !errors.is_empty() {
        return Err(line_errors(errors));
    }
    store(db, &lines, now).await
}

fn check_rows(table: &table::Table, today: NaiveDate) -> (Vec<SlotLine>, Vec<RowError>) {
    use crate::imports::values::{parse_date, parse_int};
    let mut errors = Vec::new();
    for name in ["zona", "fecha", "franja", "capacidad"] {
        if table.column(name).is_none() {
            errors.push(RowError::new(
                1,
                Some(name),
                format!("Falta la columna obligatoria «{name}»."),
            ));
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut lines = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in &table.rows {
        let get = |name: &str| {
            table
                .column(name)
                .and_then(|i| row.fields.get(i))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let before = errors.len();
        let zone = get("zona");
        let date = match parse_date(&get("fecha")) {
            Ok(date) => Some(date),
            Err(problem) => {
                errors.push(RowError::new(row.line, Some("fecha"), problem));
                None
            }
        };
        let franja = match get("franja").parse::<Franja>() {
            Ok(franja) => Some(franja),
            Err(problem) => {
                errors.push(RowError::new(row.line, Some("franja"), problem));
                None
            }
        };
        let capacity = match parse_int(
            &get("capacidad"),
            0,
            i64::from(MAX_CAPACITY),
            "La capacidad",
        ) {
            Ok(capacity) => capacity as i32,
            Err(problem) => {
                errors.push(RowError::new(row.line, Some("capacidad"), problem));
                0
            }
        };
        if let Some(date) = date {
            for (field, problem) in slot_problems(&zone, date, capacity, today) {
                if field != "capacity" {
                    let column = if field == "zone" { "zona" } else { "fecha" };
                    errors.push(RowError::new(row.line, Some(column), problem));
                }
            }
        }
        if errors.len() > before {
            continue;
        }
        let (date, franja) = (date.unwrap_or_default(), franja.unwrap_or(Franja::Am));
        if let Some(first) = seen.insert((place_key(&zone), date, franja), row.line) {
            errors.push(RowError::new(
                row.line,
                Some("fecha"),
                format!("El mismo cupo (zona, fecha y franja) ya está en la línea {first}."),
            ));
            continue;
        }
        lines.push(SlotLine {
            zone,
            date,
            franja,
            capacity,
        });
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(RowError::new(2, None, "El archivo no tiene cupos."));
    }
    (lines, errors)
}
