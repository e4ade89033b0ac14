//! The customer card: who may see a record, what is masked, and the access
//! log every read of personal data writes (Ley 1581 de 2012).

use super::agent_states;
use super::app_settings;
use super::authz::Actor;
use super::bases::ensure_visible;
use super::error::ServiceError;
use super::exclusions;
use super::queue::{self, summaries};
use crate::db::{
    self,
    entities::{base_records, bases, interactions, personal_data_access, record_attempts, users},
};
use app::api::auth::UserRef;
use app::api::queue::{AttemptView, CustomerCard, PhoneView, RevealField, Revealed};
use app::domain::bases::AttemptResult;
use app::domain::cases::{CaseState, InteractionStatus};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// What the access log says was read.
const READ_CARD: &str = "ficha";

/// The card of a record the actor may see; the read is logged.
pub async fn card(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<CustomerCard, ServiceError> {
    let record = queue::find(db, id).await?;
    ensure_may_read(db, actor, &record, now).await?;
    log_access(db, actor.id, &record, READ_CARD, now).await?;
    build_card(db, actor, record, now).await
}

/// The dialer's screen-pop: opens a customer (by cuenta, in a base given by
/// id or name) for the signed-in agent, who then holds the record.
pub async fn open(
    db: &DatabaseConnection,
    actor: &Actor,
    cuenta: &str,
    base: &str,
    now: DateTime<Utc>,
) -> Result<CustomerCard, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let record = find_by_cuenta(db, cuenta, base).await?;
    let supervisor = actor.reports_to_id.ok_or(ServiceError::Forbidden)?;
    let worked_by_team = super::bases::team_works_base(db, supervisor, record.base_id).await?;
    if !worked_by_team {
        return Err(ServiceError::Forbidden);
    }
    let lease = Duration::minutes(i64::from(app_settings::floor(db).await?.lease_minutes));
    let txn = db::begin_write(db).await?;
    // One customer at a time: whatever else the agent held goes back.
    if let Some(other) = queue::held_record(&txn, actor.id, now).await?
        && other.id != record.id
    {
        queue::drop_lease(&txn, other.id).await?;
    }
    queue::take(&txn, &record, actor.id, lease, now).await?;
    agent_states::on_call(&txn, actor.id, Some(record.id), now).await?;
    txn.commit().await?;
    card(db, actor, record.id, now).await
}

/// A record by cuenta and base (id or exact name).
pub async fn find_by_cuenta(
    db: &impl ConnectionTrait,
    cuenta: &str,
    base: &str,
) -> Result<base_records::Model, ServiceError> {
    let base = base.trim();
    let base_row = match base.parse::<i64>() {
        Ok(id) => bases::Entity::find_by_id(id).one(db).await?,
        Err(_) => {
            bases::Entity::find()
                .filter(bases::Column::Name.eq(base))
                .one(db)
                .await?
        }
    }
    .ok_or_else(|| ServiceError::NotFound(format!("No existe la base «{base}».")))?;
    base_records::Entity::find()
        .filter(base_records::Column::BaseId.eq(base_row.id))
        .filter(base_records::Column::Cuenta.eq(cuenta.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::NotFound(format!(
                "La cuenta {} no está en la base «{}».",
                cuenta.trim(),
                base_row.name
            ))
        })
}

/// Shows a personal datum whole; the read is logged.
pub async fn reveal(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    field: RevealField,
    now: DateTime<Utc>,
) -> Result<Revealed, ServiceError> {
    let record = queue::find(db, id).await?;
    ensure_may_read(db, actor, &record, now).await?;
    let (what, values) = match field {
        RevealField::Telefonos => (
            "telefonos",
            record
                .telefonos
                .split('|')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        RevealField::Documento => ("documento", record.documento.clone().into_iter().collect()),
    };
    log_access(db, actor.id, &record, what, now).await?;
    Ok(Revealed { values })
}

/// An agent reads the records they hold or own (a callback of theirs);
/// leaders and admins the records of the bases they see.
async fn ensure_may_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    record: &base_records::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    match actor.role {
        Role::Asesor => {
            let holds = record.lease_agent_id == Some(actor.id)
                && record.lease_expires_at.is_some_and(|until| until > now);
            if holds || record.owner_agent_id == Some(actor.id) {
                Ok(())
            } else {
                Err(ServiceError::Forbidden)
            }
        }
        Role::Admin | Role::Gerente | Role::Coordinador | Role::Supervisor => {
            ensure_visible(db, actor, record.base_id).await
        }
        Role::Backoffice | Role::Calidad => Err(ServiceError::Forbidden),
    }
}

async fn log_access(
    db: &impl ConnectionTrait,
    user: i64,
    record: &base_records::Model,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    personal_data_access::Entity::insert(personal_data_access::ActiveModel {
        id: NotSet,
        user_id: Set(user),
        cuenta: Set(record.cuenta.clone()),
        record_id: Set(Some(record.id)),
        what: Set(what.to_string()),
        at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

async fn build_card(
    db: &DatabaseConnection,
    actor: &Actor,
    record: base_records::Model,
    now: DateTime<Utc>,
) -> Result<CustomerCard, ServiceError> {
    let excluded = exclusions::all(db).await?;
    let attempts = record_attempts::Entity::find()
        .filter(record_attempts::Column::RecordId.eq(record.id))
        .order_by_desc(record_attempts::Column::At)
        .order_by_desc(record_attempts::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let agent_ids: Vec<i64> = attempts.iter().map(|a| a.agent_id).collect();
    let agents: HashMap<i64, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(agent_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let other_records = base_records::Entity::find()
        .filter(base_records::Column::Cuenta.eq(record.cuenta.as_str()))
        .filter(base_records::Column::Id.ne(record.id))
        .order_by_desc(base_records::Column::Id)
        .limit(20)
        .all(db)
        .await?;

    let held_by_me = record.lease_agent_id == Some(actor.id)
        && record.lease_expires_at.is_some_and(|until| until > now);
    let guide_in_progress = interactions::Entity::find()
        .filter(interactions::Column::AgentId.eq(actor.id))
        .filter(interactions::Column::RecordId.eq(record.id))
        .filter(interactions::Column::Status.eq(InteractionStatus::EnCurso.code()))
        .one(db)
        .await?
        .is_some();
    let open_case = super::cases::open_case_of_record(db, record.id)
        .await?
        .map(|c| (c.id, c.state.parse().unwrap_or(CaseState::Soporte)));
    let split = |value: &Option<String>| -> Vec<String> {
        value
            .as_deref()
            .unwrap_or_default()
            .split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    Ok(CustomerCard {
        documento: record.documento.as_deref().map(mask),
        phones: record
            .telefonos
            .split('|')
            .filter(|p| !p.is_empty())
            .map(|phone| PhoneView {
                number: mask(phone),
                excluded: excluded.contains(phone),
            })
            .collect(),
        ciudad: record.ciudad.clone(),
        servicios: split(&record.servicios),
        plan: record.plan.clone(),
        antiguedad_meses: record.antiguedad_meses,
        valor_mensual_centavos: record.valor_mensual_centavos,
        motivo: record.motivo.clone(),
        nota_encuesta: record.nota_encuesta,
        fecha_evento: record.fecha_evento,
        ofrecimientos: split(&record.ofrecimientos),
        extra: record
            .extra
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default(),
        attempts: attempts
            .into_iter()
            .map(|attempt| AttemptView {
                id: attempt.id,
                result: attempt.result.parse().unwrap_or(AttemptResult::NoContesta),
                at: attempt.at,
                agent: agents
                    .get(&attempt.agent_id)
                    .map(|u| UserRef {
                        id: u.id,
                        login: u.login.clone(),
                        name: u.name.clone(),
                    })
                    .unwrap_or(UserRef {
                        id: attempt.agent_id,
                        login: String::new(),
                        name: String::new(),
                    }),
                callback_at: attempt.callback_at,
                source: attempt.source,
                notes: attempt.notes,
            })
            .collect(),
        other_records: summaries(db, other_records).await?,
        held_by_me,
        guide_in_progress,
        open_case,
        lease_expires_at: record.lease_expires_at.filter(|_| held_by_me),
        record: summaries(db, vec![record]).await?.remove(0),
    })
}

/// All but the last four characters hidden.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let visible: String = chars[chars.len() - 4..].iter().collect();
    format!("{}{visible}", "*".repeat(chars.len() - 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_last_four() {
        assert_eq!(mask("3105551234"), "******1234");
        assert_eq!(mask("52111222"), "****1222");
        assert_eq!(mask("123"), "***");
    }
}
