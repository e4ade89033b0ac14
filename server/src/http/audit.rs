//! Writes every refused request (HTTP 403) to the security log, whichever
//! endpoint or page refused it, so no handler can forget to.

use super::extract::client_of;
use crate::services::security_log::{self, EventSource};
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::security::SecurityEventKind;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

pub async fn record_forbidden(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let actor = request
        .extensions()
        .get::<Authenticated>()
        .map(|auth| auth.actor.clone());
    let (parts, body) = request.into_parts();
    let client = client_of(&parts, state.settings.trust_proxy);
    let what = format!("{} {}", parts.method, parts.uri.path());
    let response = next.run(Request::from_parts(parts, body)).await;

    if response.status() == StatusCode::FORBIDDEN {
        let source = EventSource {
            user_id: actor.as_ref().map(|a| a.id),
            login: actor.as_ref().map(|a| a.login.clone()),
            ip: client.ip,
        };
        let detail = match &actor {
            Some(actor) => format!("{what} (rol {})", actor.role.code()),
            None => format!("{what} (sin sesión)"),
        };
        if let Err(err) =
            security_log::record(&state.db, SecurityEventKind::Forbidden, &source, detail).await
        {
            tracing::error!(error = ?err, "could not record a forbidden request");
        }
    }
    response
}
