//! Adherencia a las prácticas per leader and week, with history and the
//! roll-up a coordinador or gerente answers for.

use super::catalog;
use crate::db::entities::{practice_records, users};
use crate::services::ServiceError;
use crate::services::authz::{Actor, UserScope, user_scope};
use crate::services::users::user_ref;
use app::api::practices::{AdherenceReport, LeaderAdherence, WeekTotal};
use app::domain::local_time::local_date;
use app::domain::practices::adherence::week_adherence;
use app::domain::practices::recurrence::{period_of, week_start};
use app::domain::practices::{Frequency, LEADER_ROLES, PracticeKind};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Days, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The most weeks of history one request covers (half a year).
pub const MAX_WEEKS: u32 = 26;

/// The adherence of the leaders in the actor's scope (a supervisor: their
/// own; a coordinador: theirs and their supervisors'; a gerente and an
/// administrator: every leader) over the last `weeks` weeks, the current
/// one first.
pub async fn report(
    db: &impl ConnectionTrait,
    actor: &Actor,
    weeks: u32,
    now: DateTime<Utc>,
) -> Result<AdherenceReport, ServiceError> {
    actor.require_any(&[Capability::RunPractices, Capability::Configure])?;
    if !(1..=MAX_WEEKS).contains(&weeks) {
        return Err(ServiceError::Validation(vec![(
            "weeks".into(),
            format!("Pida entre 1 y {MAX_WEEKS} semanas."),
        )]));
    }
    let mut leaders = users::Entity::find()
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Role.is_in(LEADER_ROLES.iter().map(|r| r.to_string())))
        .order_by_asc(users::Column::Name)
        .all(db)
        .await?;
    if actor.role != Role::Admin
        && let UserScope::Only(ids) = user_scope(db, actor).await?
    {
        leaders.retain(|leader| ids.contains(&leader.id));
    }
    let defs = catalog(db).await?;
    let current = week_start(local_date(now));
    let mondays: Vec<_> = (0..weeks)
        .map(|i| current - Days::new(7 * u64::from(i)))
        .collect();
    let oldest = *mondays.last().unwrap_or(&current);
    // A half-year counted in the oldest week may have started months before.
    let from = period_of(Frequency::Semestral, oldest)
        .first
        .min(period_of(Frequency::Quincenal, oldest).first);
    let to = current + Days::new(6);
    let ids: Vec<i64> = leaders.iter().map(|l| l.id).collect();
    let mut done: HashMap<i64, Vec<(PracticeKind, chrono::NaiveDate)>> = HashMap::new();
    if !ids.is_empty() {
        for record in practice_records::Entity::find()
            .filter(practice_records::Column::LeaderId.is_in(ids))
            .filter(practice_records::Column::Day.gte(from))
            .filter(practice_records::Column::Day.lte(to))
            .all(db)
            .await?
        {
            let kind = record.kind.parse().map_err(|_| {
                ServiceError::Internal(format!("practice_records {}: kind", record.id))
            })?;
            done.entry(record.leader_id)
                .or_default()
                .push((kind, record.day));
        }
    }
    let mut rows = Vec::with_capacity(leaders.len());
    for leader in &leaders {
        let role: Role = leader
            .role
            .parse()
            .map_err(|_| ServiceError::Internal(format!("users {}: role", leader.id)))?;
        let held = done.remove(&leader.id).unwrap_or_default();
        rows.push(LeaderAdherence {
            leader: user_ref(leader),
            role,
            weeks: mondays
                .iter()
                .map(|monday| week_adherence(&defs, role, *monday, &held))
                .collect(),
        });
    }
    let roll_up = mondays
        .iter()
        .enumerate()
        .map(|(i, monday)| WeekTotal {
            week: *monday,
            credited: rows.iter().map(|r| r.weeks[i].credited).sum(),
            due: rows.iter().map(|r| r.weeks[i].due).sum(),
        })
        .collect();
    Ok(AdherenceReport {
        leaders: rows,
        roll_up,
    })
}
