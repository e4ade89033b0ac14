//! Writes every request a signed-in user was refused (HTTP 403) to the
//! security log, whichever endpoint or page refused it, so no handler can
//! forget to.

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

    // Refusals of anonymous requests are CSRF or cross-site failures: anyone
    // could send them by the thousand, so they are not filed one by one.
    if response.status() == StatusCode::FORBIDDEN
        && let Some(actor) = actor
    {
        let source = EventSource {
            user_id: Some(actor.id),
            login: Some(actor.login.clone()),
            ip: client.ip,
        };
        let detail = format!("{what} (rol {})", actor.role.code());
        if let Err(err) =
            security_log::record(&state.db, SecurityEventKind::Forbidden, &source, detail).await
        {
            tracing::error!(error = ?err, "could not record a forbidden request");
        }
    }
    response
}
