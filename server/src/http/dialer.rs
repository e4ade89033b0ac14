//! `POST /api/v1/dialer/events`: the dialer (Wolkvox) tells Faro a call was
//! answered for an agent, or the result of an attempt. Authenticated with a
//! shared secret, not a session.

use super::error::{ApiError, ApiResult};
use super::extract::ApiJson;
use crate::services::dialer;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::live::{DIALER_SECRET_HEADER, DialerEvent, DialerEventReceipt};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use chrono::Utc;
use subtle::ConstantTimeEq;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(receive_dialer_event))
}

/// An event from the dialer. `CONTESTADA` puts the customer in front of the
/// agent and alerts their open tab (with sound); `RESULTADO` records the
/// attempt. Resending the same `event_id` changes nothing and answers 200.
#[utoipa::path(
    post,
    path = "/dialer/events",
    tag = "marcador",
    request_body = DialerEvent,
    params(("X-Faro-Dialer-Secret" = String, Header, description = "Clave compartida del marcador (o Authorization: Bearer)")),
    responses(
        (status = 201, description = "Evento aplicado", body = DialerEventReceipt),
        (status = 200, description = "Evento ya aplicado antes", body = DialerEventReceipt),
        (status = 401, description = "Clave ausente o incorrecta", body = ApiErrorBody),
        (status = 404, description = "Registro o base inexistente", body = ApiErrorBody),
        (status = 409, description = "Otro asesor tiene el cliente", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
        (status = 503, description = "Integración no configurada", body = ApiErrorBody),
    )
)]
async fn receive_dialer_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(event): ApiJson<DialerEvent>,
) -> ApiResult<(StatusCode, Json<DialerEventReceipt>)> {
    let expected = state
        .settings
        .dialer_secret
        .as_deref()
        .ok_or(ApiError::DialerOff)?;
    let sent = headers
        .get(DIALER_SECRET_HEADER)
        .and_then(|v| v.to_str().ok())
        .or_else(|| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
        })
        .unwrap_or_default();
    if sent.is_empty() || !bool::from(sent.as_bytes().ct_eq(expected.as_bytes())) {
        tracing::warn!("evento del marcador rechazado: clave ausente o incorrecta");
        return Err(ApiError::DialerSecret);
    }
    let receipt = dialer::receive(&state.db, event, Utc::now()).await?;
    if receipt.applied {
        state.live.wake();
        Ok((StatusCode::CREATED, Json(receipt)))
    } else {
        Ok((StatusCode::OK, Json(receipt)))
    }
}
