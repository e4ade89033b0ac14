//! `/api/v1/queue`, `/api/v1/records` and `/api/v1/me/state`: the agent's
//! work.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::agent_states;
use crate::services::customers;
use crate::services::queue;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::queue::{
    AgentStateView, AttemptRequest, ChooseStateRequest, CustomerCard, NextRecord, RecordSummary,
    RevealField, Revealed,
};
use app::domain::agent_state::AgentStateKind;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(claim_next_record))
        .routes(routes!(get_current_record))
        .routes(routes!(list_my_callbacks))
        .routes(routes!(get_customer_card))
        .routes(routes!(open_record))
        .routes(routes!(record_attempt))
        .routes(routes!(release_record))
        .routes(routes!(keep_record))
        .routes(routes!(reveal_personal_data))
        .routes(routes!(get_my_state, choose_my_state))
}

/// "Siguiente cliente": the record this agent holds, else a due callback,
/// else the next record of the team's bases the contact policy allows now.
#[utoipa::path(
    post,
    path = "/queue/next",
    tag = "cola",
    responses(
        (status = 200, description = "El registro entregado, o por qué no hay", body = NextRecord),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn claim_next_record(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<NextRecord>> {
    Ok(Json(
        queue::claim_next(&state.db, &auth.actor, Utc::now()).await?,
    ))
}

/// The record this agent holds now, if any.
#[utoipa::path(
    get,
    path = "/queue/current",
    tag = "cola",
    responses(
        (status = 200, description = "El registro reservado, o null", body = Option<RecordSummary>),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_current_record(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Option<RecordSummary>>> {
    auth.actor
        .require(app::domain::role::Capability::WorkOwnQueue)?;
    let held = queue::held_record(&state.db, auth.actor.id, Utc::now()).await?;
    Ok(Json(match held {
        Some(record) => queue::summaries(&state.db, vec![record]).await?.pop(),
        None => None,
    }))
}

/// This agent's callbacks, soonest first.
#[utoipa::path(
    get,
    path = "/queue/callbacks",
    tag = "cola",
    responses(
        (status = 200, description = "Devoluciones de llamada", body = Vec<RecordSummary>),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_my_callbacks(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<RecordSummary>>> {
    Ok(Json(queue::callbacks(&state.db, &auth.actor).await?))
}

/// The customer card of a record (personal data masked); the read is logged.
#[utoipa::path(
    get,
    path = "/records/{id}/card",
    tag = "cola",
    params(("id" = i64, Path, description = "Id del registro")),
    responses(
        (status = 200, description = "Ficha del cliente", body = CustomerCard),
        (status = 403, description = "Registro de otro asesor o de otro equipo", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_customer_card(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CustomerCard>> {
    Ok(Json(
        customers::card(&state.db, &auth.actor, id, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct OpenQuery {
    /// The customer's cuenta.
    cuenta: String,
    /// The base: its id or its exact name.
    base: String,
}

/// The dialer's screen-pop: opens a customer for the signed-in agent, who
/// holds the record from then on.
#[utoipa::path(
    post,
    path = "/records/open",
    tag = "cola",
    params(OpenQuery),
    responses(
        (status = 200, description = "Ficha del cliente, reservado para el asesor", body = CustomerCard),
        (status = 403, description = "Base de otro equipo o rol sin cola", body = ApiErrorBody),
        (status = 404, description = "La cuenta no está en la base", body = ApiErrorBody),
        (status = 409, description = "Lo atiende otro asesor", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn open_record(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<OpenQuery>,
) -> ApiResult<Json<CustomerCard>> {
    Ok(Json(
        customers::open(
            &state.db,
            &auth.actor,
            &query.cuenta,
            &query.base,
            Utc::now(),
        )
        .await?,
    ))
}

/// Records the result of an attempt on the record this agent holds; the
/// record comes back by its base's retry rules.
#[utoipa::path(
    post,
    path = "/records/{id}/attempts",
    tag = "cola",
    params(("id" = i64, Path, description = "Id del registro")),
    request_body = AttemptRequest,
    responses(
        (status = 200, description = "Intento registrado", body = RecordSummary),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
        (status = 409, description = "El asesor ya no tiene el registro", body = ApiErrorBody),
        (status = 422, description = "Datos del intento inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn record_attempt(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<AttemptRequest>,
) -> ApiResult<Json<RecordSummary>> {
    Ok(Json(
        queue::record_attempt(&state.db, &auth.actor, id, request, Utc::now()).await?,
    ))
}

/// Gives a record back untouched.
#[utoipa::path(
    post,
    path = "/records/{id}/release",
    tag = "cola",
    params(("id" = i64, Path, description = "Id del registro")),
    responses(
        (status = 204, description = "Registro liberado"),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn release_record(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    queue::release(&state.db, &auth.actor, id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Keeps the record reserved while the agent works on it.
#[utoipa::path(
    post,
    path = "/records/{id}/keepalive",
    tag = "cola",
    params(("id" = i64, Path, description = "Id del registro")),
    responses(
        (status = 200, description = "Reserva extendida", body = RecordSummary),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
        (status = 409, description = "El asesor ya no tiene el registro", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn keep_record(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<RecordSummary>> {
    Ok(Json(
        queue::keep(&state.db, &auth.actor, id, Utc::now()).await?,
    ))
}

/// Shows phones or document whole; the read is logged.
#[utoipa::path(
    post,
    path = "/records/{id}/reveal",
    tag = "cola",
    params(("id" = i64, Path, description = "Id del registro")),
    request_body = RevealField,
    responses(
        (status = 200, description = "Datos completos", body = Revealed),
        (status = 403, description = "Registro de otro asesor o de otro equipo", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn reveal_personal_data(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(field): ApiJson<RevealField>,
) -> ApiResult<Json<Revealed>> {
    Ok(Json(
        customers::reveal(&state.db, &auth.actor, id, field, Utc::now()).await?,
    ))
}

/// This agent's state.
#[utoipa::path(
    get,
    path = "/me/state",
    tag = "cola",
    responses(
        (status = 200, description = "Estado del asesor", body = AgentStateView),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_my_state(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<AgentStateView>> {
    auth.actor
        .require(app::domain::role::Capability::WorkOwnQueue)?;
    Ok(Json(state_view(
        agent_states::of(&state.db, auth.actor.id).await?,
    )))
}

/// Available, or a pause with one of the configured reasons.
#[utoipa::path(
    put,
    path = "/me/state",
    tag = "cola",
    request_body = ChooseStateRequest,
    responses(
        (status = 200, description = "Estado cambiado", body = AgentStateView),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
        (status = 422, description = "Estado o motivo inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn choose_my_state(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(request): ApiJson<ChooseStateRequest>,
) -> ApiResult<Json<AgentStateView>> {
    agent_states::choose(
        &state.db,
        &auth.actor,
        request.state,
        request.reason,
        Utc::now(),
    )
    .await?;
    Ok(Json(state_view(
        agent_states::of(&state.db, auth.actor.id).await?,
    )))
}

fn state_view(row: Option<crate::db::entities::agent_states::Model>) -> AgentStateView {
    match row {
        Some(row) => AgentStateView {
            state: AgentStateKind::from_code(&row.state),
            reason: row.reason,
            since: Some(row.since),
            step: row.step,
        },
        None => AgentStateView {
            state: AgentStateKind::Desconectado,
            reason: None,
            since: None,
            step: None,
        },
    }
}
