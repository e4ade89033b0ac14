//! `GET /api/v1/events`: the server-sent events of a signed-in tab (a call
//! answered by the dialer …). A reconnecting tab sends `Last-Event-ID` and
//! gets what it missed in the last minutes; a tab opening afresh gets a call
//! answered in the last minute if the agent still holds that customer.

use super::error::ApiResult;
use crate::db::entities::alerts;
use crate::services::live;
use crate::services::sessions::{self, Authenticated};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::Utc;
use futures_util::stream::{self, Stream};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use utoipa_axum::{router::OpenApiRouter, routes};

/// How often an open stream checks its session is still valid.
const SESSION_CHECK: Duration = Duration::from_secs(30);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(event_stream))
}

/// The signed-in user's live events (`text/event-stream`). Event `llamada`:
/// a call answered for this agent, data as `CallAnswered`.
#[utoipa::path(
    get,
    path = "/events",
    tag = "eventos",
    params(("Last-Event-ID" = Option<i64>, Header, description = "Último evento recibido")),
    responses((status = 200, description = "Flujo de eventos (text/event-stream)", content_type = "text/event-stream", body = String)),
    security(("sesion" = []))
)]
async fn event_stream(
    State(state): State<AppState>,
    auth: Authenticated,
    headers: HeaderMap,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    // Subscribe before reading what was missed, so nothing falls between.
    let receiver = state.live.subscribe();
    let replay: VecDeque<Arc<alerts::Model>> = match headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        Some(after) => live::missed(&state.db, auth.actor.id, after, Utc::now())
            .await?
            .into_iter()
            .map(Arc::new)
            .collect(),
        None => live::still_relevant(&state.db, auth.actor.id, Utc::now())
            .await?
            .into_iter()
            .map(Arc::new)
            .collect(),
    };
    let mut check = tokio::time::interval(SESSION_CHECK);
    check.reset();
    let stream = stream::unfold(
        StreamState {
            user: auth.actor.id,
            session: auth.id_hash,
            last_sent: replay.back().map(|a| a.id).unwrap_or(0),
            replay,
            receiver,
            closing: state.live.closing(),
            check,
            state,
        },
        next_event,
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

struct StreamState {
    user: i64,
    session: String,
    last_sent: i64,
    replay: VecDeque<Arc<alerts::Model>>,
    receiver: tokio::sync::broadcast::Receiver<Arc<alerts::Model>>,
    closing: tokio::sync::watch::Receiver<bool>,
    check: tokio::time::Interval,
    state: AppState,
}

/// The next event for this tab; `None` ends the stream (signed out, server
/// shutting down).
async fn next_event(mut s: StreamState) -> Option<(Result<Event, Infallible>, StreamState)> {
    if let Some(alert) = s.replay.pop_front() {
        return Some((Ok(event_of(&alert)), s));
    }
    loop {
        if *s.closing.borrow() {
            return None;
        }
        tokio::select! {
            _ = s.closing.changed() => return None,
            _ = s.check.tick() => {
                match sessions::still_valid(&s.state.db, &s.state.settings, &s.session).await {
                    Ok(true) => {}
                    Ok(false) => return None,
                    // A database hiccup does not end the stream.
                    Err(_) => {}
                }
            }
            received = s.receiver.recv() => match received {
                // Replayed rows may come again from the poller.
                Ok(alert) if alert.user_id == s.user && alert.id > s.last_sent => {
                    s.last_sent = alert.id;
                    return Some((Ok(event_of(&alert)), s));
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return None,
            },
        }
    }
}

fn event_of(alert: &alerts::Model) -> Event {
    Event::default()
        .id(alert.id.to_string())
        .event(alert.kind.as_str())
        .data(alert.payload.as_str())
}
