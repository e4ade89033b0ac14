//! The offer catalog, retention policies, their history and the retention
//! report over the API (SPEC §4).

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send, upload};
use crate::domain::offers::{CustomerProfile, Offer, OfferKind, RetentionPolicy, Service};
use crate::paths::{api, encode_query_value};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/offers/import`: what a CSV changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfferImport {
    pub created: u32,
    pub updated: u32,
}

/// One change to the catalog or the policies: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CatalogChange {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub by: UserRef,
    /// `OFERTA`, `POLITICA` or `PRACTICA`.
    pub entity: String,
    pub code: String,
    /// `CREADA`, `EDITADA`, `ACTIVADA`, `RETIRADA` or `IMPORTADA`.
    pub action: String,
    /// What changed, in Spanish (`Costo: $ 10.000 → $ 12.000`).
    pub changes: Vec<String>,
}

/// What the selector needs in the guide: the catalog that can apply to this
/// customer, the campaign's policies and the customer's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfferContext {
    pub catalog: Vec<Offer>,
    pub policies: Vec<RetentionPolicy>,
    pub customer: CustomerProfile,
    /// The operation's date (Bogotá) for validity checks.
    pub today: NaiveDate,
}

/// Conversion of one ladder rung or one offer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Conversion {
    pub presented: u32,
    pub accepted: u32,
    pub thinking: u32,
    pub rejected: u32,
}

impl Conversion {
    /// Accepted ÷ presented, `None` when nothing was presented.
    pub fn rate(&self) -> Option<f64> {
        (self.presented > 0).then(|| f64::from(self.accepted) / f64::from(self.presented))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RungRow {
    pub level: u8,
    pub conversion: Conversion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfferRow {
    pub code: String,
    pub name: String,
    pub kind: OfferKind,
    pub level: u8,
    pub conversion: Conversion,
}

/// Cancellation requests of one service and how they ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServiceRow {
    pub service: Service,
    pub requests: u32,
    pub retained: u32,
    pub cancelled: u32,
}

/// `GET /api/v1/reports/retention?from=…&to=…`: conversion per ladder rung
/// and per offer, and retention per service, over calls closed in the
/// period (the caller's team; the whole operation for gerente and admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetentionReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rungs: Vec<RungRow>,
    pub offers: Vec<OfferRow>,
    pub services: Vec<ServiceRow>,
}

pub async fn offers() -> Result<Vec<Offer>, ClientError> {
    get(api::OFFERS).await
}

pub async fn save_offer(offer: &Offer, csrf: &str) -> Result<Offer, ClientError> {
    send(Method::Put, &api::offer(&offer.code), Some(offer), csrf).await
}

/// Imports the catalog CSV chosen in the input with this id.
pub async fn import_offers(input_id: &str, csrf: &str) -> Result<OfferImport, ClientError> {
    upload(api::OFFERS_IMPORT, input_id, csrf).await
}

pub async fn policies() -> Result<Vec<RetentionPolicy>, ClientError> {
    get(api::RETENTION_POLICIES).await
}

pub async fn save_policy(
    policy: &RetentionPolicy,
    csrf: &str,
) -> Result<RetentionPolicy, ClientError> {
    send(
        Method::Put,
        &api::retention_policy(&policy.code),
        Some(policy),
        csrf,
    )
    .await
}

/// The newest changes first; `code` narrows to one offer or policy.
pub async fn history(code: Option<String>) -> Result<Vec<CatalogChange>, ClientError> {
    match code {
        Some(code) => {
            get(&format!(
                "{}?code={}",
                api::OFFERS_HISTORY,
                encode_query_value(&code)
            ))
            .await
        }
        None => get(api::OFFERS_HISTORY).await,
    }
}

pub async fn retention_report(
    from: NaiveDate,
    to: NaiveDate,
) -> Result<RetentionReport, ClientError> {
    get(&format!("{}?from={from}&to={to}", api::RETENTION_REPORT)).await
}
