//! The seven indicators (SPEC §5): facts written by own calls and imports,
//! the engine that counts them, who may see which figures, and the
//! detractor loop.

pub mod detractors;
pub mod engine;
pub mod export;
pub mod facts;
pub mod imports;
pub mod monitoring;
pub mod settings;
mod sql;
pub mod summary;
pub mod team;
pub mod views;

use super::ServiceError;
use super::authz::Actor;
use app::api::kpis::KpiReport;
use app::domain::kpis::{KpiFilters, Period};
use app::domain::role::Role;
use sea_orm::ConnectionTrait;

/// The filters an actor may use: an agent sees only their own figures, a
/// supervisor their team's; coordinadores, gerente, calidad and admin the
/// whole operation. The back office has no indicators.
pub async fn scoped(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filters: KpiFilters,
) -> Result<KpiFilters, ServiceError> {
    let filters = filters.cleaned();
    match actor.role {
        Role::Asesor => {
            if filters.team.is_some() || filters.agent.as_deref().is_some_and(|a| a != actor.login)
            {
                return Err(ServiceError::Forbidden);
            }
            Ok(KpiFilters {
                agent: Some(actor.login.clone()),
                ..filters
            })
        }
        Role::Supervisor => {
            if filters.team.as_deref().is_some_and(|t| t != actor.login) {
                return Err(ServiceError::Forbidden);
            }
            if let Some(agent) = &filters.agent
                && !team::agents_of(db, &actor.login).await?.contains(agent)
            {
                return Err(ServiceError::Forbidden);
            }
            Ok(KpiFilters {
                team: Some(actor.login.clone()),
                ..filters
            })
        }
        Role::Coordinador | Role::Gerente | Role::Calidad | Role::Admin => Ok(filters),
        Role::Backoffice => Err(ServiceError::Forbidden),
    }
}

/// The indicators an actor asked for, within what they may see.
pub async fn report(
    db: &impl ConnectionTrait,
    actor: &Actor,
    period: Period,
    filters: KpiFilters,
) -> Result<KpiReport, ServiceError> {
    let filters = scoped(db, actor, filters).await?;
    let settings = settings::get(db).await?;
    engine::compute(db, period, &filters, &settings).await
}
