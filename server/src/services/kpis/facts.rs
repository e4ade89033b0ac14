//! Writing the facts the KPI engine counts: one row per attempt and per
//! closed interaction, from Faro's own calls (in the caller's transaction,
//! so the figure and the call are stored together or not at all) and from
//! the imports. Re-writing the same source key changes nothing.

use super::summary::{ContactChains, Counters, DailyChanges, DayKey, recontacted};
use crate::db::entities::{kpi_contacts, kpi_interactions};
use crate::services::ServiceError;
use app::domain::bases::AttemptResult;
use app::domain::local_time::local_date;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr, sea_query::OnConflict,
};

/// One attempt to reach a customer.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactFact {
    pub source_key: String,
    pub at: DateTime<Utc>,
    pub cuenta: String,
    pub tipo_base: String,
    pub segmento: String,
    pub agent_login: String,
    pub result: String,
}

/// One closed interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionFact {
    pub source_key: String,
    pub at: DateTime<Utc>,
    pub cuenta: String,
    pub agent_login: String,
    pub tipo_base: String,
    pub segmento: String,
    pub typification: String,
    pub spc: bool,
    pub cun: Option<String>,
}

/// Stores an attempt once; answers whether it was new.
pub async fn record_contact(
    db: &impl ConnectionTrait,
    fact: ContactFact,
) -> Result<bool, ServiceError> {
    Ok(record_contacts(db, vec![fact]).await?.contains(&true))
}

/// Stores attempts, each once, and keeps contactabilidad's record chains
/// exact; answers which were new.
pub async fn record_contacts(
    db: &impl ConnectionTrait,
    facts: Vec<ContactFact>,
) -> Result<Vec<bool>, ServiceError> {
    let records = facts
        .iter()
        .map(|f| (f.cuenta.clone(), f.tipo_base.clone()))
        .collect();
    let chains = ContactChains::read(db, records).await?;
    let mut new = Vec::with_capacity(facts.len());
    for fact in facts {
        new.push(insert_contact(db, fact).await?);
    }
    if new.contains(&true) {
        chains.write(db).await?;
    }
    Ok(new)
}

async fn insert_contact(
    db: &impl ConnectionTrait,
    fact: ContactFact,
) -> Result<bool, ServiceError> {
    let contacted = fact.result == AttemptResult::Contactado.code();
    let inserted = kpi_contacts::Entity::insert(kpi_contacts::ActiveModel {
        id: NotSet,
        source_key: Set(fact.source_key),
        at: Set(fact.at),
        day: Set(local_date(fact.at)),
        cuenta: Set(fact.cuenta),
        tipo_base: Set(fact.tipo_base),
        segmento: Set(fact.segmento),
        agent_login: Set(fact.agent_login),
        result: Set(fact.result),
        contacted: Set(contacted),
    })
    .on_conflict(
        OnConflict::column(kpi_contacts::Column::SourceKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted > 0)
}

/// Stores a closed interaction once and keeps the recontact links of its
/// customer and typification exact; answers whether it was new.
pub async fn record_interaction(
    db: &impl ConnectionTrait,
    fact: InteractionFact,
) -> Result<bool, ServiceError> {
    let (cuenta, typification, at) = (fact.cuenta.clone(), fact.typification.clone(), fact.at);
    let key = DayKey::new(
        local_date(fact.at),
        &fact.agent_login,
        &fact.tipo_base,
        &fact.segmento,
    );
    let spc = fact.spc;
    let inserted = kpi_interactions::Entity::insert(kpi_interactions::ActiveModel {
        id: NotSet,
        source_key: Set(fact.source_key),
        at: Set(fact.at),
        day: Set(local_date(fact.at)),
        cuenta: Set(fact.cuenta),
        agent_login: Set(fact.agent_login),
        tipo_base: Set(fact.tipo_base),
        segmento: Set(fact.segmento),
        typification: Set(fact.typification),
        spc: Set(fact.spc),
        cun: Set(fact.cun),
        next_at: Set(None),
        gap_micros: Set(None),
    })
    .on_conflict(
        OnConflict::column(kpi_interactions::Column::SourceKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        return Ok(false);
    }
    let window = super::settings::get(db).await?.fcr_window_hours;
    let mut changes = DailyChanges::new();
    if spc {
        changes.add(key, Counters::spc(false));
    }
    link_recontacts(db, &cuenta, &typification, at, window, &mut changes).await?;
    changes.write(db).await?;
    Ok(true)
}

/// An interaction at `at` becomes the "next" of the latest earlier ones of
/// the same customer and typification (all of them when several share that
/// instant), and its own "next" is the first strictly later one.
async fn link_recontacts(
    db: &impl ConnectionTrait,
    cuenta: &str,
    typification: &str,
    at: DateTime<Utc>,
    window_hours: u32,
    changes: &mut DailyChanges,
) -> Result<(), ServiceError> {
    let same = || {
        kpi_interactions::Entity::find()
            .filter(kpi_interactions::Column::Cuenta.eq(cuenta))
            .filter(kpi_interactions::Column::Typification.eq(typification))
    };
    let earlier = same()
        .filter(kpi_interactions::Column::At.lt(at))
        .filter(
            Condition::any()
                .add(kpi_interactions::Column::NextAt.is_null())
                .add(kpi_interactions::Column::NextAt.gt(at)),
        )
        .all(db)
        .await?;
    for row in earlier {
        set_next(db, row, Some(at), window_hours, changes).await?;
    }
    let next: Option<DateTime<Utc>> = same()
        .select_only()
        .column(kpi_interactions::Column::At)
        .filter(kpi_interactions::Column::At.gt(at))
        .order_by_asc(kpi_interactions::Column::At)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    if next.is_some() {
        let simultaneous = same()
            .filter(kpi_interactions::Column::At.eq(at))
            .all(db)
            .await?;
        for row in simultaneous {
            set_next(db, row, next, window_hours, changes).await?;
        }
    }
    Ok(())
}

/// Links an interaction to its next one; an SPC interaction that enters or
/// leaves the FCR window moves the daily summary with it.
async fn set_next(
    db: &impl ConnectionTrait,
    row: kpi_interactions::Model,
    next: Option<DateTime<Utc>>,
    window_hours: u32,
    changes: &mut DailyChanges,
) -> Result<(), ServiceError> {
    let gap = next.map(|n| (n - row.at).num_microseconds().unwrap_or(i64::MAX));
    kpi_interactions::Entity::update_many()
        .col_expr(kpi_interactions::Column::NextAt, Expr::value(next))
        .col_expr(kpi_interactions::Column::GapMicros, Expr::value(gap))
        .filter(kpi_interactions::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    let (was, is) = (
        recontacted(row.gap_micros, window_hours),
        recontacted(gap, window_hours),
    );
    if row.spc && was != is {
        let key = DayKey::new(row.day, &row.agent_login, &row.tipo_base, &row.segmento);
        let change = Counters {
            spc_recontacted: if is { 1 } else { -1 },
            ..Counters::default()
        };
        changes.add(key, change);
    }
    Ok(())
}
