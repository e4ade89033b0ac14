//! The detractor loop (SPEC §5): a survey answer of 0–6 puts the customer
//! in the active DETRACTORES base of the agent's team, so every detractor
//! gets a call. The customer's data comes from their latest record in any
//! base (a survey only names the account); a customer already in that base
//! is not added twice.

use crate::db::entities::{base_records, base_teams, bases, kpi_agents, users};
use crate::services::ServiceError;
use app::domain::bases::{BaseKind, BaseStatus, RecordStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

/// A detractor's answer.
pub struct Detractor<'a> {
    pub cuenta: &'a str,
    pub agent_login: &'a str,
    pub score: u8,
    pub day: NaiveDate,
}

/// Adds the customer to their team's active DETRACTORES base; answers
/// whether a record was created.
pub async fn queue(
    db: &impl ConnectionTrait,
    detractor: Detractor<'_>,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some(team) = team_leader(db, detractor.agent_login).await? else {
        return Ok(false);
    };
    let base_ids: Vec<i64> = base_teams::Entity::find()
        .select_only()
        .column(base_teams::Column::BaseId)
        .filter(base_teams::Column::SupervisorId.eq(team))
        .into_tuple()
        .all(db)
        .await?;
    if base_ids.is_empty() {
        return Ok(false);
    }
    let Some(base) = bases::Entity::find()
        .filter(bases::Column::Id.is_in(base_ids))
        .filter(bases::Column::Kind.eq(BaseKind::Detractores.code()))
        .filter(bases::Column::Status.eq(BaseStatus::Activa.code()))
        .order_by_desc(bases::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let already = base_records::Entity::find()
        .filter(base_records::Column::BaseId.eq(base.id))
        .filter(base_records::Column::Cuenta.eq(detractor.cuenta))
        .one(db)
        .await?
        .is_some();
    if already {
        return Ok(false);
    }
    let Some(known) = base_records::Entity::find()
        .filter(base_records::Column::Cuenta.eq(detractor.cuenta))
        .order_by_desc(base_records::Column::Id)
        .one(db)
        .await?
    else {
        // Nobody to call: no phone is known for this account.
        return Ok(false);
    };
    base_records::Entity::insert(base_records::ActiveModel {
        id: NotSet,
        base_id: Set(base.id),
        cuenta: Set(known.cuenta),
        segmento: Set(known.segmento),
        nombre: Set(known.nombre),
        documento: Set(known.documento),
        telefonos: Set(known.telefonos),
        ciudad: Set(known.ciudad),
        servicios: Set(known.servicios),
        plan: Set(known.plan),
        antiguedad_meses: Set(known.antiguedad_meses),
        valor_mensual_centavos: Set(known.valor_mensual_centavos),
        motivo: Set(Some(format!(
            "Encuesta del {}: calificó {} de 10.",
            detractor.day.format("%d/%m/%Y"),
            detractor.score
        ))),
        nota_encuesta: Set(Some(i32::from(detractor.score))),
        fecha_evento: Set(Some(detractor.day)),
        ofrecimientos: Set(known.ofrecimientos),
        prioridad: Set(known.prioridad),
        queue_order: Set(crate::services::queue::queue_order(Some(detractor.day))),
        extra: Set(known.extra),
        status: Set(RecordStatus::Pendiente.code().into()),
        attempts: Set(0),
        last_result: Set(None),
        last_attempt_at: Set(None),
        next_attempt_at: Set(None),
        callback_at: Set(None),
        owner_agent_id: Set(None),
        lease_agent_id: Set(None),
        lease_expires_at: Set(None),
        import_id: Set(None),
        line_number: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(true)
}

/// The user id of the agent's supervisor: the roster's, else Faro's own.
async fn team_leader(db: &impl ConnectionTrait, agent: &str) -> Result<Option<i64>, ServiceError> {
    let rostered: Option<Option<String>> = kpi_agents::Entity::find_by_id(agent.to_string())
        .select_only()
        .column(kpi_agents::Column::Supervisor)
        .into_tuple()
        .one(db)
        .await?;
    if let Some(Some(supervisor)) = rostered {
        return Ok(users::Entity::find()
            .select_only()
            .column(users::Column::Id)
            .filter(users::Column::Login.eq(supervisor))
            .into_tuple()
            .one(db)
            .await?);
    }
    Ok(users::Entity::find()
        .filter(users::Column::Login.eq(agent))
        .one(db)
        .await?
        .and_then(|user| user.reports_to_id))
}
