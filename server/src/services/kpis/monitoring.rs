//! Quality monitoring entered in Faro by the `calidad` role: a checklist of
//! the call guide's steps with weights, a score 0–100 and comments. The
//! score is a monitoring row like an imported one, so it feeds calidad
//! emitida; the agent and their supervisor read it.

use super::summary::{Counters, DailyChanges, DayKey};
use super::team::agents_of;
use crate::db::entities::{kpi_agents, kpi_interactions, kpi_monitoring, users};
use crate::services::ServiceError;
use crate::services::authz::Actor;
use crate::services::procedures;
use app::api::kpis::{
    ChecklistItem, EvaluableAgent, EvaluableInteraction, MonitoringDraft, MonitoringView,
    checklist_score,
};
use app::domain::local_time::local_date;
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::OnConflict,
};
use std::collections::BTreeMap;

/// The steps of the published guide, equally weighted, none answered yet.
pub async fn checklist(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<ChecklistItem>, ServiceError> {
    if actor.role == Role::Backoffice {
        return Err(ServiceError::Forbidden);
    }
    let (_, procedure) = procedures::published(db).await?;
    Ok(procedure
        .steps
        .iter()
        .map(|step| ChecklistItem {
            step: step.id.clone(),
            label: format!("{}. {}", step.number, step.title),
            weight: 10,
            ok: None,
        })
        .collect())
}

/// Stores an evaluation (calidad only); a retried save answers the first.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    draft: MonitoringDraft,
    now: DateTime<Utc>,
) -> Result<MonitoringView, ServiceError> {
    actor.require(Capability::EnterMonitoring)?;
    let agent = draft.agent.trim().to_lowercase();
    let mut problems = Vec::new();
    let request = draft.request_id.trim();
    if request.is_empty() || request.len() > 80 {
        problems.push((
            "request_id".to_string(),
            "Falta el identificador de la solicitud.".to_string(),
        ));
    }
    if agent.is_empty() {
        problems.push(("agent".into(), "Elija el asesor evaluado.".into()));
    } else if !is_agent(db, &agent).await? {
        problems.push((
            "agent".into(),
            format!("«{agent}» no es un asesor de la operación."),
        ));
    }
    let today = local_date(now);
    let day = draft.day.unwrap_or(today);
    if day > today {
        problems.push((
            "day".into(),
            "La fecha de la llamada evaluada no puede ser futura.".into(),
        ));
    }
    if draft
        .checklist
        .iter()
        .any(|item| !(1..=100).contains(&item.weight))
    {
        problems.push((
            "checklist".into(),
            "Cada peso debe estar entre 1 y 100.".into(),
        ));
    }
    let score = checklist_score(&draft.checklist);
    if score.is_none() {
        problems.push((
            "checklist".into(),
            "Califique al menos un paso de la guía (cumple o no cumple).".into(),
        ));
    }
    let comments = draft.comments.trim().to_string();
    if comments.chars().count() > 2_000 {
        problems.push((
            "comments".into(),
            "Los comentarios no pueden pasar de 2.000 caracteres.".into(),
        ));
    }
    let interaction = draft
        .interaction
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty());
    if interaction.as_ref().is_some_and(|i| i.len() > 120) {
        problems.push((
            "interaction".into(),
            "La interacción no puede pasar de 120 caracteres.".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let key = format!("faro:{request}");
    let score = score.unwrap_or_default();
    let summary_key = DayKey::new(day, &agent, "", "");
    // The evaluation and its share of calidad emitida are stored together.
    let txn = crate::db::begin_write(db).await?;
    let inserted = kpi_monitoring::Entity::insert(kpi_monitoring::ActiveModel {
        id: NotSet,
        source_key: Set(key.clone()),
        day: Set(day),
        agent_login: Set(agent),
        score: Set(score),
        evaluator: Set(actor.login.clone()),
        interaction_ref: Set(interaction),
        checklist: Set(Some(
            serde_json::to_string(&draft.checklist).unwrap_or_default(),
        )),
        comments: Set((!comments.is_empty()).then_some(comments)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(kpi_monitoring::Column::SourceKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted > 0 {
        let mut changes = DailyChanges::new();
        changes.add(summary_key, Counters::evaluation(score));
        changes.write(&txn).await?;
    }
    txn.commit().await?;
    let stored = kpi_monitoring::Entity::find()
        .filter(kpi_monitoring::Column::SourceKey.eq(key))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal("la evaluación guardada no se encontró".into()))?;
    let names = super::views::names(db).await?;
    Ok(view(stored, &names))
}

/// Evaluations newest first: an agent's own, a supervisor's team's, and
/// every one for calidad and the operation's leaders.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    agent: Option<String>,
) -> Result<Vec<MonitoringView>, ServiceError> {
    let agent = agent
        .map(|a| a.trim().to_lowercase())
        .filter(|a| !a.is_empty());
    let allowed: Option<Vec<String>> = match actor.role {
        Role::Asesor => Some(vec![actor.login.clone()]),
        Role::Supervisor => Some(agents_of(db, &actor.login).await?),
        Role::Calidad | Role::Coordinador | Role::Gerente | Role::Admin => None,
        Role::Backoffice => return Err(ServiceError::Forbidden),
    };
    let logins = match (agent, allowed) {
        (Some(agent), Some(allowed)) if !allowed.contains(&agent) => {
            return Err(ServiceError::Forbidden);
        }
        (Some(agent), _) => Some(vec![agent]),
        (None, allowed) => allowed,
    };
    let mut query = kpi_monitoring::Entity::find();
    if let Some(logins) = logins {
        query = query.filter(kpi_monitoring::Column::AgentLogin.is_in(logins));
    }
    let rows = query
        .order_by_desc(kpi_monitoring::Column::Day)
        .order_by_desc(kpi_monitoring::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let names = super::views::names(db).await?;
    Ok(rows.into_iter().map(|row| view(row, &names)).collect())
}

fn view(row: kpi_monitoring::Model, names: &BTreeMap<String, String>) -> MonitoringView {
    MonitoringView {
        id: row.id,
        day: row.day,
        agent_name: names
            .get(&row.agent_login)
            .cloned()
            .unwrap_or_else(|| row.agent_login.clone()),
        agent: row.agent_login,
        evaluator_name: names
            .get(&row.evaluator)
            .cloned()
            .unwrap_or_else(|| row.evaluator.clone()),
        evaluator: row.evaluator,
        interaction: row.interaction_ref,
        score: row.score,
        checklist: row
            .checklist
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default(),
        comments: row.comments,
        source: if row.source_key.starts_with("faro:") {
            "Faro".into()
        } else {
            "Importado".into()
        },
    }
}

/// The agents calidad can evaluate: Faro's active agents and the roster's
/// agents not retired, with their team's name, sorted by name.
pub async fn agents(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<EvaluableAgent>, ServiceError> {
    actor.require(Capability::EnterMonitoring)?;
    let names = super::views::names(db).await?;
    let mut found: BTreeMap<String, Option<String>> = BTreeMap::new();
    let leaders: BTreeMap<i64, String> = users::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.login))
        .collect();
    for user in users::Entity::find()
        .filter(users::Column::Role.eq(Role::Asesor.code()))
        .filter(users::Column::Active.eq(true))
        .all(db)
        .await?
    {
        let team = user.reports_to_id.and_then(|id| leaders.get(&id).cloned());
        found.insert(user.login, team);
    }
    // The roster says who the supervisor is where it lists the agent.
    for agent in kpi_agents::Entity::find()
        .filter(kpi_agents::Column::Role.eq(Role::Asesor.code()))
        .filter(kpi_agents::Column::RetiredOn.is_null())
        .all(db)
        .await?
    {
        found.insert(agent.login, agent.supervisor);
    }
    let name_of = |login: &str| {
        names
            .get(login)
            .cloned()
            .unwrap_or_else(|| login.to_string())
    };
    let mut agents: Vec<EvaluableAgent> = found
        .into_iter()
        .map(|(login, team)| EvaluableAgent {
            name: name_of(&login),
            team: team.map(|t| name_of(&t)),
            login,
        })
        .collect();
    agents.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.login.cmp(&b.login)));
    Ok(agents)
}

/// An agent's latest 50 closed interactions, Faro's and imported, newest
/// first: the calls an evaluation can be about.
pub async fn interactions(
    db: &impl ConnectionTrait,
    actor: &Actor,
    agent: &str,
) -> Result<Vec<EvaluableInteraction>, ServiceError> {
    actor.require(Capability::EnterMonitoring)?;
    let agent = agent.trim().to_lowercase();
    if agent.is_empty() {
        return Err(ServiceError::Validation(vec![(
            "agent".into(),
            "Elija el asesor evaluado.".into(),
        )]));
    }
    let rows = kpi_interactions::Entity::find()
        .filter(kpi_interactions::Column::AgentLogin.eq(agent))
        .order_by_desc(kpi_interactions::Column::At)
        .order_by_desc(kpi_interactions::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| EvaluableInteraction {
            // An imported call is known by its id in the source, as the
            // `monitoreo` file's id_interaccion names it.
            key: row
                .source_key
                .strip_prefix("interacciones:")
                .map(str::to_string)
                .unwrap_or(row.source_key),
            at: row.at,
            cuenta: row.cuenta,
            tipo_base: row.tipo_base,
            typification: row.typification,
            spc: row.spc,
        })
        .collect())
}

async fn is_agent(db: &impl ConnectionTrait, login: &str) -> Result<bool, ServiceError> {
    let user = users::Entity::find()
        .filter(users::Column::Login.eq(login))
        .filter(users::Column::Role.eq(Role::Asesor.code()))
        .one(db)
        .await?
        .is_some();
    let rostered = kpi_agents::Entity::find()
        .filter(kpi_agents::Column::Login.eq(login))
        .filter(kpi_agents::Column::Role.eq(Role::Asesor.code()))
        .one(db)
        .await?
        .is_some();
    Ok(user || rostered)
}
