//! A leader's calendar: practices planned (once, repeated, or by
//! "planificar semana") and free "Agenda del líder" items, with conflicts.

use super::{catalog, leader_role, outside_team};
use crate::db::entities::{calendar_events, practice_records, users};
use crate::services::ServiceError;
use crate::services::authz::{Actor, ensure_user_in_scope};
use crate::services::users::{refs_by_id, user_ref};
use app::api::auth::UserRef;
use app::api::practices::{
    CalendarEvent, CalendarView, EventChange, EventDraft, EventStatus, RepeatDraft, WeekPlanRequest,
};
use app::domain::local_time::{from_local, to_local};
use app::domain::practices::planning::{Slot, conflicts, plan_week as propose_week};
use app::domain::practices::recurrence::{DayRange, Recurrence, period_of, week_start};
use app::domain::practices::{Frequency, LEADER_ROLES, PracticeDef, PracticeKind};
use app::domain::role::Role;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The longest range one calendar request covers (a month view and its
/// edges).
pub const MAX_RANGE_DAYS: i64 = 62;
/// The most events one create may make (a daily series for a year).
pub const MAX_SERIES: usize = 300;
pub const MIN_MINUTES: u32 = 5;
pub const MAX_MINUTES: u32 = 480;
pub const MAX_TITLE: usize = 160;
pub const MAX_NOTES: usize = 2_000;

/// The events of a leader (the actor, or a leader in a coordinador's or
/// gerente's scope) between two days, cancelled ones left out.
pub async fn view(
    db: &impl ConnectionTrait,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    leader: Option<i64>,
) -> Result<CalendarView, ServiceError> {
    leader_role(actor)?;
    if to < from || (to - from).num_days() > MAX_RANGE_DAYS {
        return Err(ServiceError::Validation(vec![(
            "to".into(),
            format!(
                "El rango debe ir de una fecha a otra igual o posterior, de hasta {MAX_RANGE_DAYS} días."
            ),
        )]));
    }
    let leader = match leader {
        Some(id) if id != actor.id => {
            ensure_user_in_scope(db, actor, id).await?;
            let user = users::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::NotFound("No existe ese líder.".into()))?;
            let leads = user
                .role
                .parse::<Role>()
                .is_ok_and(|role| LEADER_ROLES.contains(&role));
            if !leads {
                return Err(ServiceError::NotFound("Esa persona no es un líder.".into()));
            }
            user_ref(&user)
        }
        _ => UserRef {
            id: actor.id,
            login: actor.login.clone(),
            name: actor.name.clone(),
        },
    };
    let rows = events_between(db, leader.id, from, to).await?;
    let events = to_views(db, &leader, rows).await?;
    Ok(CalendarView {
        team: team_of(db, leader.id).await?,
        leader,
        from,
        to,
        events,
    })
}

/// The leader's events (not cancelled) that start on the given local days.
pub(crate) async fn events_between(
    db: &impl ConnectionTrait,
    leader_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<calendar_events::Model>, ServiceError> {
    Ok(calendar_events::Entity::find()
        .filter(calendar_events::Column::LeaderId.eq(leader_id))
        .filter(calendar_events::Column::StartsAt.gte(day_start(from)))
        .filter(calendar_events::Column::StartsAt.lt(day_start(to + Days::new(1))))
        .filter(calendar_events::Column::Status.ne(EventStatus::Cancelada.code()))
        .order_by_asc(calendar_events::Column::StartsAt)
        .order_by_asc(calendar_events::Column::Id)
        .all(db)
        .await?)
}

fn day_start(day: NaiveDate) -> DateTime<Utc> {
    from_local(day.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

/// The leader's active direct reports, by name.
pub(crate) async fn team_of(
    db: &impl ConnectionTrait,
    leader_id: i64,
) -> Result<Vec<UserRef>, ServiceError> {
    Ok(users::Entity::find()
        .filter(users::Column::ReportsToId.eq(leader_id))
        .filter(users::Column::Active.eq(true))
        .order_by_asc(users::Column::Name)
        .all(db)
        .await?
        .iter()
        .map(user_ref)
        .collect())
}

/// The views of events of one leader, with the conflicts among them.
async fn to_views(
    db: &impl ConnectionTrait,
    leader: &UserRef,
    rows: Vec<calendar_events::Model>,
) -> Result<Vec<CalendarEvent>, ServiceError> {
    let participant_ids: Vec<Vec<i64>> = rows.iter().map(|r| ids_of(&r.participants)).collect();
    let refs = refs_by_id(db, participant_ids.iter().flatten().copied()).await?;
    let slots: Vec<Slot> = rows.iter().map(slot_of).collect();
    let mut overlapping: HashMap<usize, Vec<i64>> = HashMap::new();
    for (a, b) in conflicts(&slots) {
        overlapping.entry(a).or_default().push(rows[b].id);
        overlapping.entry(b).or_default().push(rows[a].id);
    }
    rows.into_iter()
        .zip(participant_ids)
        .enumerate()
        .map(|(i, (row, ids))| {
            Ok(CalendarEvent {
                id: row.id,
                leader: leader.clone(),
                kind: row.kind.as_deref().map(parse_kind).transpose()?,
                title: row.title,
                starts_at: to_local(row.starts_at),
                minutes: row.minutes.max(0) as u32,
                participants: ids.iter().filter_map(|id| refs.get(id).cloned()).collect(),
                notes: row.notes,
                series_id: row.series_id,
                status: EventStatus::parse(&row.status).ok_or_else(|| {
                    ServiceError::Internal(format!("calendar_events {}: status", row.id))
                })?,
                record_id: row.record_id,
                conflicts_with: overlapping.remove(&i).unwrap_or_default(),
            })
        })
        .collect()
}

fn parse_kind(code: &str) -> Result<PracticeKind, ServiceError> {
    code.parse()
        .map_err(|_| ServiceError::Internal(format!("unknown practice kind {code}")))
}

pub(crate) fn ids_of(json: &str) -> Vec<i64> {
    serde_json::from_str(json).unwrap_or_default()
}

fn slot_of(row: &calendar_events::Model) -> Slot {
    Slot {
        start: to_local(row.starts_at),
        minutes: row.minutes.max(0) as u32,
    }
}

/// A leader's new event, once or repeated; a retried request (same
/// `request_id`) answers the events it made the first time.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    draft: EventDraft,
    now: DateTime<Utc>,
) -> Result<Vec<CalendarEvent>, ServiceError> {
    let role = leader_role(actor)?;
    let request_id = request_id(&draft.request_id)?;
    let leader = actor_ref(actor);
    // The check and the insert share the write transaction, so two copies
    // of one request racing each other still make one set of events.
    let txn = crate::db::begin_write(db).await?;
    super::lock_person(&txn, actor.id).await?;
    if let Some(first) = calendar_events::Entity::find()
        .filter(calendar_events::Column::RequestId.eq(&request_id))
        .one(&txn)
        .await?
    {
        txn.commit().await?;
        return answer_again(db, actor, &leader, first).await;
    }
    let defs = catalog(&txn).await?;
    let mut problems = Vec::new();
    let def = match draft.kind {
        Some(kind) => match practice_of(&defs, kind, role) {
            Ok(def) => Some(def),
            Err(problem) => {
                problems.push(("kind".to_string(), problem));
                None
            }
        },
        None => None,
    };
    let title = match (&def, draft.title.trim()) {
        (Some(def), "") => def.kind.label().to_string(),
        (_, "") => {
            problems.push(("title".into(), "Escriba el título del evento.".into()));
            String::new()
        }
        (_, title) => title.to_string(),
    };
    let minutes = draft
        .minutes
        .or(def.map(|d| d.duration_minutes))
        .unwrap_or(30);
    check_event(
        &mut problems,
        &title,
        draft.starts_at,
        minutes,
        &draft.notes,
    );
    let outsiders = outside_team(&txn, actor, &draft.participants).await?;
    if !outsiders.is_empty() {
        problems.push((
            "participants".into(),
            "Solo puede invitar a personas de su equipo.".into(),
        ));
    }
    let dates = match &draft.repeat {
        None => vec![draft.starts_at.date()],
        Some(repeat) => series_dates(&mut problems, draft.starts_at.date(), repeat),
    };
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let series_id = draft.repeat.as_ref().map(|_| request_id.clone());
    let mut rows = Vec::with_capacity(dates.len());
    for (i, day) in dates.iter().enumerate() {
        let row = calendar_events::ActiveModel {
            id: NotSet,
            leader_id: Set(actor.id),
            kind: Set(draft.kind.map(|k| k.code().to_string())),
            title: Set(title.clone()),
            starts_at: Set(from_local(day.and_time(draft.starts_at.time()))),
            minutes: Set(minutes as i32),
            participants: Set(ids_json(&draft.participants)),
            notes: Set(draft.notes.trim().to_string()),
            series_id: Set(series_id.clone()),
            status: Set(EventStatus::Planeada.code().into()),
            record_id: Set(None),
            sequence: Set(0),
            request_id: Set((i == 0).then(|| request_id.clone())),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        rows.push(row);
    }
    txn.commit().await?;
    with_conflicts(db, &leader, rows).await
}

/// The events of a repeated request, as the first answer gave them.
async fn answer_again(
    db: &impl ConnectionTrait,
    actor: &Actor,
    leader: &UserRef,
    first: calendar_events::Model,
) -> Result<Vec<CalendarEvent>, ServiceError> {
    if first.leader_id != actor.id {
        return Err(ServiceError::Conflict(
            "Ese identificador de solicitud ya se usó.".into(),
        ));
    }
    let rows = match &first.series_id {
        Some(series) => {
            calendar_events::Entity::find()
                .filter(calendar_events::Column::SeriesId.eq(series))
                .filter(calendar_events::Column::LeaderId.eq(actor.id))
                .order_by_asc(calendar_events::Column::StartsAt)
                .all(db)
                .await?
        }
        None => vec![first],
    };
    with_conflicts(db, leader, rows).await
}

/// Views of some events, each with its conflicts against the whole calendar
/// of their days.
async fn with_conflicts(
    db: &impl ConnectionTrait,
    leader: &UserRef,
    rows: Vec<calendar_events::Model>,
) -> Result<Vec<CalendarEvent>, ServiceError> {
    let (Some(first), Some(last)) = (
        rows.iter().map(|r| to_local(r.starts_at).date()).min(),
        rows.iter().map(|r| to_local(r.starts_at).date()).max(),
    ) else {
        return Ok(Vec::new());
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let around = events_between(db, leader.id, first, last).await?;
    Ok(to_views(db, leader, around)
        .await?
        .into_iter()
        .filter(|event| ids.contains(&event.id))
        .collect())
}

fn actor_ref(actor: &Actor) -> UserRef {
    UserRef {
        id: actor.id,
        login: actor.login.clone(),
        name: actor.name.clone(),
    }
}

fn request_id(value: &str) -> Result<String, ServiceError> {
    let value = value.trim();
    if value.is_empty() || value.len() > 80 {
        return Err(ServiceError::Validation(vec![(
            "request_id".into(),
            "Falta el identificador de la solicitud.".into(),
        )]));
    }
    Ok(value.to_string())
}

/// The practice, if the leader's role runs it.
fn practice_of(
    defs: &[PracticeDef],
    kind: PracticeKind,
    role: Role,
) -> Result<&PracticeDef, String> {
    defs.iter()
        .find(|d| d.kind == kind && d.goal_for(role).is_some())
        .ok_or_else(|| format!("«{}» no es una práctica de su rol.", kind.label()))
}

fn check_event(
    problems: &mut Vec<(String, String)>,
    title: &str,
    starts_at: NaiveDateTime,
    minutes: u32,
    notes: &str,
) {
    if title.chars().count() > MAX_TITLE {
        problems.push((
            "title".into(),
            format!("El título admite hasta {MAX_TITLE} caracteres."),
        ));
    }
    if !(MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
        problems.push((
            "minutes".into(),
            format!("La duración debe estar entre {MIN_MINUTES} y {MAX_MINUTES} minutos."),
        ));
    } else {
        let end = starts_at + chrono::Duration::minutes(i64::from(minutes));
        if end.date() != starts_at.date() && end.time() != chrono::NaiveTime::MIN {
            problems.push((
                "minutes".into(),
                "El evento debe terminar el mismo día en que empieza.".into(),
            ));
        }
    }
    if notes.chars().count() > MAX_NOTES {
        problems.push((
            "notes".into(),
            format!("Las notas admiten hasta {MAX_NOTES} caracteres."),
        ));
    }
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The days of a repeated event, or the problems that prevent it.
fn series_dates(
    problems: &mut Vec<(String, String)>,
    first: NaiveDate,
    repeat: &RepeatDraft,
) -> Vec<NaiveDate> {
    let before = problems.len();
    if repeat.until < first {
        problems.push((
            "until".into(),
            "La repetición debe terminar el mismo día o después del primer evento.".into(),
        ));
    } else if (repeat.until - first).num_days() > 366 {
        problems.push((
            "until".into(),
            "La repetición puede durar hasta un año.".into(),
        ));
    }
    let weekly = matches!(repeat.frequency, Frequency::Semanal | Frequency::Quincenal);
    if weekly && repeat.weekdays.is_empty() {
        problems.push((
            "weekdays".into(),
            "Elija al menos un día de la semana.".into(),
        ));
    }
    if repeat.weekdays.iter().any(|d| !(1..=7).contains(d)) {
        problems.push((
            "weekdays".into(),
            "Los días de la semana van de 1 (lunes) a 7 (domingo).".into(),
        ));
    }
    if problems.len() > before {
        return Vec::new();
    }
    let weekdays = if weekly {
        repeat
            .weekdays
            .iter()
            .map(|d| WEEKDAYS[usize::from(*d) - 1])
            .collect()
    } else {
        Vec::new()
    };
    let dates = Recurrence {
        frequency: repeat.frequency,
        weekdays,
        starts: first,
        until: Some(repeat.until),
    }
    .dates_in(DayRange {
        first,
        last: repeat.until,
    });
    if dates.is_empty() {
        problems.push((
            "repeat".into(),
            "La repetición no cae en ningún día hábil.".into(),
        ));
    } else if dates.len() > MAX_SERIES {
        problems.push((
            "repeat".into(),
            format!("Una repetición puede crear hasta {MAX_SERIES} eventos."),
        ));
    }
    dates
}

pub(crate) fn ids_json(ids: &[i64]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())
}

/// Moves, resizes, retitles or cancels one of the leader's own events.
pub async fn change(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    change: EventChange,
    now: DateTime<Utc>,
) -> Result<CalendarEvent, ServiceError> {
    leader_role(actor)?;
    let leader = actor_ref(actor);
    let txn = crate::db::begin_write(db).await?;
    super::lock_person(&txn, actor.id).await?;
    let row = calendar_events::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|row| row.leader_id == actor.id)
        .ok_or_else(|| ServiceError::NotFound("No existe ese evento en su calendario.".into()))?;
    if row.status == EventStatus::Realizada.code() {
        return Err(ServiceError::Conflict(
            "Esta práctica ya se registró como realizada: no se puede mover ni cancelar.".into(),
        ));
    }
    let title = change.title.trim().to_string();
    let mut problems = Vec::new();
    if title.is_empty() {
        problems.push(("title".into(), "Escriba el título del evento.".into()));
    }
    check_event(
        &mut problems,
        &title,
        change.starts_at,
        change.minutes,
        &change.notes,
    );
    if !outside_team(&txn, actor, &change.participants)
        .await?
        .is_empty()
    {
        problems.push((
            "participants".into(),
            "Solo puede invitar a personas de su equipo.".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let sequence = row.sequence + 1;
    let mut active: calendar_events::ActiveModel = row.into();
    active.title = Set(title);
    active.starts_at = Set(from_local(change.starts_at));
    active.minutes = Set(change.minutes as i32);
    active.participants = Set(ids_json(&change.participants));
    active.notes = Set(change.notes.trim().to_string());
    if change.cancelled {
        active.status = Set(EventStatus::Cancelada.code().into());
    }
    active.sequence = Set(sequence);
    active.updated_at = Set(now);
    let row = active.update(&txn).await?;
    txn.commit().await?;
    if change.cancelled {
        return Ok(to_views(db, &leader, vec![row]).await?.remove(0));
    }
    with_conflicts(db, &leader, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::Internal("the moved event vanished".into()))
}

/// "Planificar semana": every practice the leader owes that week and has
/// not planned (or done) yet, placed in free time. A retried request
/// answers the events it made the first time.
pub async fn plan_week(
    db: &DatabaseConnection,
    actor: &Actor,
    request: WeekPlanRequest,
    now: DateTime<Utc>,
) -> Result<Vec<CalendarEvent>, ServiceError> {
    let role = leader_role(actor)?;
    let request_id = request_id(&request.request_id)?;
    let leader = actor_ref(actor);
    let monday = week_start(request.week);
    let txn = crate::db::begin_write(db).await?;
    super::lock_person(&txn, actor.id).await?;
    let earlier = calendar_events::Entity::find()
        .filter(calendar_events::Column::SeriesId.eq(format!("plan:{request_id}")))
        .filter(calendar_events::Column::LeaderId.eq(actor.id))
        .all(&txn)
        .await?;
    if !earlier.is_empty() {
        txn.commit().await?;
        return with_conflicts(db, &leader, earlier).await;
    }
    let defs = catalog(&txn).await?;
    let sunday = monday + Days::new(6);
    let calendar: Vec<Slot> = events_between(&txn, actor.id, monday, sunday)
        .await?
        .iter()
        .map(slot_of)
        .collect();
    // What counts as held: the half-year (and fortnight) around the week.
    let half = period_of(Frequency::Semestral, monday);
    let fortnight = period_of(Frequency::Quincenal, monday);
    let from = half.first.min(fortnight.first);
    let to = half.last.max(fortnight.last).max(sunday);
    let held = held_between(&txn, actor.id, from, to).await?;
    let proposals = propose_week(&defs, role, monday, &calendar, &held);
    let team: Vec<i64> = team_of(&txn, actor.id)
        .await?
        .iter()
        .map(|u| u.id)
        .collect();
    let mut rows = Vec::with_capacity(proposals.len());
    for proposal in proposals {
        let with_team = matches!(
            proposal.kind,
            PracticeKind::DialogoDiario
                | PracticeKind::DialogoSemanal
                | PracticeKind::MejoraContinua
                | PracticeKind::Barometro
        );
        let row = calendar_events::ActiveModel {
            id: NotSet,
            leader_id: Set(actor.id),
            kind: Set(Some(proposal.kind.code().into())),
            title: Set(proposal.kind.label().into()),
            starts_at: Set(from_local(proposal.slot.start)),
            minutes: Set(proposal.slot.minutes as i32),
            participants: Set(ids_json(if with_team { &team } else { &[] })),
            notes: Set(String::new()),
            series_id: Set(Some(format!("plan:{request_id}"))),
            status: Set(EventStatus::Planeada.code().into()),
            record_id: Set(None),
            sequence: Set(0),
            request_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        rows.push(row);
    }
    txn.commit().await?;
    with_conflicts(db, &leader, rows).await
}

/// The practices a leader planned (not cancelled) or recorded without a
/// planned event, by kind and local day, between two days.
pub(crate) async fn held_between(
    db: &impl ConnectionTrait,
    leader_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(PracticeKind, NaiveDate)>, ServiceError> {
    let mut held = Vec::new();
    for row in events_between(db, leader_id, from, to).await? {
        if let Some(kind) = row.kind.as_deref() {
            held.push((parse_kind(kind)?, to_local(row.starts_at).date()));
        }
    }
    let records = practice_records::Entity::find()
        .filter(practice_records::Column::LeaderId.eq(leader_id))
        .filter(practice_records::Column::Day.gte(from))
        .filter(practice_records::Column::Day.lte(to))
        .filter(practice_records::Column::EventId.is_null())
        .all(db)
        .await?;
    for record in records {
        held.push((parse_kind(&record.kind)?, record.day));
    }
    Ok(held)
}
