//! Writing the facts the KPI engine counts: one row per attempt and per
//! closed interaction, from Faro's own calls (in the caller's transaction,
//! so the figure and the call are stored together or not at all) and from
//! the imports. Re-writing the same source key changes nothing.

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
    link_recontacts(db, &cuenta, &typification, at).await?;
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
) -> Result<(), ServiceError> {
    let same = || {
        kpi_interactions::Entity::find()
            .filter(kpi_interactions::Column::Cuenta.eq(cuenta))
            .filter(kpi_interactions::Column::Typification.eq(typification))
    };
    let earlier: Vec<(i64, DateTime<Utc>)> = same()
        .select_only()
        .column(kpi_interactions::Column::Id)
        .column(kpi_interactions::Column::At)
        .filter(kpi_interactions::Column::At.lt(at))
        .filter(
            Condition::any()
                .add(kpi_interactions::Column::NextAt.is_null())
                .add(kpi_interactions::Column::NextAt.gt(at)),
        )
        .into_tuple()
        .all(db)
        .await?;
    for (id, earlier_at) in earlier {
        set_next(db, id, earlier_at, Some(at)).await?;
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
        let ids: Vec<i64> = same()
            .select_only()
            .column(kpi_interactions::Column::Id)
            .filter(kpi_interactions::Column::At.eq(at))
            .into_tuple()
            .all(db)
            .await?;
        for id in ids {
            set_next(db, id, at, next).await?;
        }
    }
    Ok(())
}

async fn set_next(
    db: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
    next: Option<DateTime<Utc>>,
) -> Result<(), ServiceError> {
    let gap = next.map(|n| (n - at).num_microseconds().unwrap_or(i64::MAX));
    kpi_interactions::Entity::update_many()
        .col_expr(kpi_interactions::Column::NextAt, Expr::value(next))
        .col_expr(kpi_interactions::Column::GapMicros, Expr::value(gap))
        .filter(kpi_interactions::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
