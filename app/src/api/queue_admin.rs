//! Administration of the floor: excluded numbers.

use super::client::{ClientError, Method, get, send};
use crate::paths::api;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A number never to call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExcludedNumber {
    pub phone: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/excluded-numbers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExcludeRequest {
    pub phone: String,
    pub reason: String,
}

pub async fn list_excluded() -> Result<Vec<ExcludedNumber>, ClientError> {
    get(api::EXCLUDED_NUMBERS).await
}

pub async fn exclude(request: &ExcludeRequest, csrf: &str) -> Result<ExcludedNumber, ClientError> {
    send(Method::Post, api::EXCLUDED_NUMBERS, Some(request), csrf).await
}

pub async fn unexclude(phone: &str, csrf: &str) -> Result<(), ClientError> {
    send::<(), ()>(Method::Delete, &api::excluded_number(phone), None, csrf).await
}
