//! The retention conversion report: per ladder rung and per offer, how many
//! presentations were accepted, left to think over or rejected; per service,
//! how many cancellation requests ended retained (SPEC §4, feeding §5's
//! efectividad). Counted by the database, within the caller's team.

use crate::db::entities::{offer_presentations, retention_outcomes};
use crate::services::authz::{self, Actor, UserScope};
use crate::services::error::ServiceError;
use app::api::offers::{Conversion, OfferRow, RetentionReport, RungRow, ServiceRow};
use app::domain::local_time::bogota;
use app::domain::offers::{OfferAnswer, OfferKind, RetentionResult, Service};
use app::domain::role::Capability;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;
use std::str::FromStr;

/// The longest period one report covers.
const MAX_DAYS: i64 = 366;

/// The instants a period of Bogotá dates covers: `[from 00:00, to+1 00:00)`.
fn period(from: NaiveDate, to: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = |d: NaiveDate| {
        bogota()
            .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
            .single()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((start(from)?, start(to.checked_add_days(Days::new(1))?)?))
}

fn add(conversion: &mut Conversion, answer: &str, n: u32) {
    conversion.presented += n;
    match OfferAnswer::from_str(answer) {
        Ok(OfferAnswer::Acepta) => conversion.accepted += n,
        Ok(OfferAnswer::LoPensara) => conversion.thinking += n,
        _ => conversion.rejected += n,
    }
}

/// Conversion per rung and per offer, and retention per service, over calls
/// closed in the period by the agents the caller may see.
pub async fn report(
    db: &DatabaseConnection,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<RetentionReport, ServiceError> {
    actor.require_any(&[Capability::ViewTeamIndicators, Capability::Configure])?;
    if to < from {
        return Err(ServiceError::invalid(
            "to",
            "La fecha final es anterior a la inicial.",
        ));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ServiceError::invalid(
            "to",
            "El periodo puede ser de hasta un año.",
        ));
    }
    let (start, end) = period(from, to)
        .ok_or_else(|| ServiceError::invalid("to", "Las fechas del periodo no son válidas."))?;
    let agents = match authz::user_scope(db, actor).await? {
        UserScope::Everyone => None,
        UserScope::Only(ids) => Some(ids),
    };

    let mut presentations = offer_presentations::Entity::find()
        .select_only()
        .column(offer_presentations::Column::OfferCode)
        .column(offer_presentations::Column::Kind)
        .column(offer_presentations::Column::Level)
        .column(offer_presentations::Column::Answer)
        .column_as(offer_presentations::Column::OfferName.max(), "name")
        .column_as(offer_presentations::Column::Id.count(), "n")
        .filter(offer_presentations::Column::ClosedAt.gte(start))
        .filter(offer_presentations::Column::ClosedAt.lt(end))
        .group_by(offer_presentations::Column::OfferCode)
        .group_by(offer_presentations::Column::Kind)
        .group_by(offer_presentations::Column::Level)
        .group_by(offer_presentations::Column::Answer);
    let mut outcomes = retention_outcomes::Entity::find()
        .select_only()
        .column(retention_outcomes::Column::Service)
        .column(retention_outcomes::Column::Result)
        .column_as(retention_outcomes::Column::Id.count(), "n")
        .filter(retention_outcomes::Column::ClosedAt.gte(start))
        .filter(retention_outcomes::Column::ClosedAt.lt(end))
        .group_by(retention_outcomes::Column::Service)
        .group_by(retention_outcomes::Column::Result);
    if let Some(ids) = &agents {
        presentations =
            presentations.filter(offer_presentations::Column::AgentId.is_in(ids.iter().copied()));
        outcomes = outcomes.filter(retention_outcomes::Column::AgentId.is_in(ids.iter().copied()));
    }

    let counted: Vec<(String, String, i16, String, String, i64)> =
        presentations.into_tuple().all(db).await?;
    let mut rungs: BTreeMap<u8, Conversion> = BTreeMap::new();
    let mut by_offer: BTreeMap<(u8, String), OfferRow> = BTreeMap::new();
    for (code, kind, level, answer, name, n) in counted {
        let (Ok(level), Ok(kind), Ok(n)) = (
            u8::try_from(level),
            OfferKind::from_str(&kind),
            u32::try_from(n),
        ) else {
            continue;
        };
        add(rungs.entry(level).or_default(), &answer, n);
        let row = by_offer
            .entry((level, code.clone()))
            .or_insert_with(|| OfferRow {
                code,
                name,
                kind,
                level,
                conversion: Conversion::default(),
            });
        add(&mut row.conversion, &answer, n);
    }

    let counted: Vec<(String, String, i64)> = outcomes.into_tuple().all(db).await?;
    let mut services: BTreeMap<Service, ServiceRow> = BTreeMap::new();
    for (service, result, n) in counted {
        let (Ok(service), Ok(n)) = (Service::from_str(&service), u32::try_from(n)) else {
            continue;
        };
        let row = services.entry(service).or_insert(ServiceRow {
            service,
            requests: 0,
            retained: 0,
            cancelled: 0,
        });
        row.requests += n;
        if result == RetentionResult::Retenido.code() {
            row.retained += n;
        } else {
            row.cancelled += n;
        }
    }
    Ok(RetentionReport {
        from,
        to,
        rungs: rungs
            .into_iter()
            .map(|(level, conversion)| RungRow { level, conversion })
            .collect(),
        offers: by_offer.into_values().collect(),
        services: services.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_runs_from_bogota_midnight_to_the_next_midnight_after_its_last_day() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let (start, end) = period(day(1), day(30)).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-11-01T05:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-12-01T05:00:00+00:00");
        assert!(period(day(1), NaiveDate::MAX).is_none());
    }
}
